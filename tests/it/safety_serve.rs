//! `benchlearn serve` against hostile clients (issue #12): DNS rebinding through the `Host`
//! header, redirects that a browser would read as another host, and connections that never
//! finish a request. The binary runs on a free port against a copy of `tests/fixtures/serve`.

use std::io::{BufRead, BufReader, ErrorKind, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// The idle timeout the tests give the server, through its hidden environment variable.
const IDLE_TIMEOUT_MS: u64 = 500;

/// A running `benchlearn serve`, stopped when dropped.
struct Serve {
    child: Child,
    port: u16,
    log: Arc<Mutex<String>>,
    root: std::path::PathBuf,
    _dir: tempfile::TempDir,
}

impl Serve {
    /// Serves a copy of the fixture site on a free port, with more `arguments` for `serve`.
    fn start(arguments: &[&str]) -> Serve {
        let dir = tempfile::tempdir().expect("temporary folder");
        let root = dir.path().join("site");
        copy_dir(
            &Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/serve"),
            &root,
        );
        let mut child = Command::new(env!("CARGO_BIN_EXE_benchlearn"))
            .args(["serve", "--port", "0", "--root"])
            .arg(&root)
            .args(arguments)
            .env("NO_COLOR", "1")
            .env(
                "BENCHLEARN_SERVE_IDLE_TIMEOUT_MS",
                IDLE_TIMEOUT_MS.to_string(),
            )
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start benchlearn serve");
        let stderr = child.stderr.take().expect("piped stderr");
        let log = Arc::new(Mutex::new(String::new()));
        let (port_sender, port_receiver) = std::sync::mpsc::channel();
        let shared_log = Arc::clone(&log);
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                if let Some(rest) = line.strip_prefix("serving http://127.0.0.1:") {
                    let port: String = rest.chars().take_while(char::is_ascii_digit).collect();
                    let _ = port_sender.send(port.parse::<u16>().expect("port number"));
                }
                let mut log = shared_log.lock().expect("log lock");
                log.push_str(&line);
                log.push('\n');
            }
        });
        let port = port_receiver
            .recv_timeout(Duration::from_secs(60))
            .unwrap_or_else(|_| panic!("serve did not start:\n{}", log.lock().expect("serve log")));
        Serve {
            child,
            port,
            log,
            root,
            _dir: dir,
        }
    }

    fn connect(&self) -> TcpStream {
        let stream = TcpStream::connect(("127.0.0.1", self.port)).expect("connect");
        stream
            .set_read_timeout(Some(Duration::from_secs(10)))
            .expect("timeout");
        stream
    }

    /// `GET path` with the given `Host` header; what arrives within the read timeout.
    fn get_as(&self, host: &str, path: &str) -> Reply {
        let mut stream = self.connect();
        write!(
            stream,
            "GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"
        )
        .expect("send");
        Reply::parse(&read_until_closed(&mut stream))
    }

    fn get(&self, path: &str) -> Reply {
        self.get_as("127.0.0.1", path)
    }

    /// The live-reload stream, read in the background.
    fn events(&self) -> Arc<Mutex<String>> {
        let mut stream = self.connect();
        stream.set_read_timeout(None).expect("no timeout");
        write!(
            stream,
            "GET /__benchlearn/events HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n"
        )
        .expect("send");
        let received = Arc::new(Mutex::new(String::new()));
        let sink = Arc::clone(&received);
        std::thread::spawn(move || {
            let mut buffer = [0u8; 1024];
            while let Ok(n) = stream.read(&mut buffer) {
                if n == 0 {
                    break;
                }
                sink.lock()
                    .expect("events lock")
                    .push_str(&String::from_utf8_lossy(&buffer[..n]));
            }
        });
        received
    }
}

impl Drop for Serve {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Everything read until the server closes the connection or the read timeout passes.
fn read_until_closed(stream: &mut TcpStream) -> String {
    let mut raw = Vec::new();
    let mut buffer = [0u8; 4096];
    while let Ok(n) = stream.read(&mut buffer) {
        if n == 0 {
            break;
        }
        raw.extend_from_slice(&buffer[..n]);
    }
    String::from_utf8_lossy(&raw).into_owned()
}

/// How long the server takes to close `stream`; `None` if it is still open after `limit`.
fn closed_within(stream: &mut TcpStream, limit: Duration) -> Option<Duration> {
    let started = Instant::now();
    stream
        .set_read_timeout(Some(Duration::from_millis(100)))
        .expect("timeout");
    let mut buffer = [0u8; 4096];
    while started.elapsed() < limit {
        match stream.read(&mut buffer) {
            Ok(0) => return Some(started.elapsed()),
            Ok(_) => {}
            Err(e) if matches!(e.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut) => {}
            Err(_) => return Some(started.elapsed()),
        }
    }
    None
}

struct Reply {
    status: u16,
    headers: Vec<(String, String)>,
    body: String,
}

impl Reply {
    fn parse(raw: &str) -> Reply {
        let (head, body) = raw.split_once("\r\n\r\n").unwrap_or((raw, ""));
        let mut lines = head.lines();
        let status = lines
            .next()
            .and_then(|line| line.split_whitespace().nth(1))
            .and_then(|code| code.parse().ok())
            .unwrap_or(0);
        let headers = lines
            .filter_map(|line| line.split_once(':'))
            .map(|(name, value)| (name.trim().to_ascii_lowercase(), value.trim().to_string()))
            .collect();
        Reply {
            status,
            headers,
            body: body.to_string(),
        }
    }

    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("create folder");
    for entry in std::fs::read_dir(from).expect("read fixture folder") {
        let entry = entry.expect("fixture entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("file type").is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).expect("copy fixture file");
        }
    }
}

#[test]
fn only_localhost_and_ip_addresses_are_served_on_every_route() {
    let serve = Serve::start(&[]);
    let port = serve.port;
    for host in [
        format!("localhost:{port}"),
        "localhost".to_string(),
        format!("LocalHost:{port}"),
        format!("127.0.0.1:{port}"),
        format!("[::1]:{port}"),
        "[::1]".to_string(),
        format!("192.168.1.20:{port}"),
    ] {
        let reply = serve.get_as(&host, "/en/");
        assert_eq!(reply.status, 200, "Host {host}: {}", reply.body);
    }
    // A DNS rebinding attack needs a domain name of its own.
    for host in [
        "evil.example".to_string(),
        format!("evil.example:{port}"),
        format!("EVIL.example.:{port}"),
        format!("localhost.evil.example:{port}"),
        format!("127.0.0.1.evil.example:{port}"),
    ] {
        for path in [
            "/en/",
            "/style.css",
            "/no-such-page",
            "/__benchlearn/events",
        ] {
            let reply = serve.get_as(&host, path);
            assert!(
                reply.status == 403 || reply.status == 421,
                "Host {host}, {path} answered {}",
                reply.status
            );
            assert!(
                reply.body.contains("--allowed-host"),
                "the refusal names the flag: {}",
                reply.body
            );
            assert!(
                !reply.body.contains("__benchlearn/events"),
                "no page served"
            );
        }
    }
}

#[test]
fn names_given_with_allowed_host_are_served() {
    let serve = Serve::start(&[
        "--allowed-host",
        "preview.example",
        "--allowed-host",
        "Box.LAN",
    ]);
    let port = serve.port;
    for host in [format!("preview.example:{port}"), "box.lan".to_string()] {
        assert_eq!(serve.get_as(&host, "/en/").status, 200, "Host {host}");
    }
    let other = serve.get_as(&format!("other.example:{port}"), "/en/");
    assert_eq!(other.status, 403);
}

#[test]
fn a_doubled_slash_never_redirects_to_another_host() {
    let serve = Serve::start(&[]);
    for (path, location) in [
        ("//fr", "/fr/"),
        ("///fr", "/fr/"),
        ("//en//good-practices", "/en/good-practices/"),
    ] {
        let reply = serve.get(path);
        assert_eq!(reply.status, 301, "{path}");
        assert_eq!(reply.header("location"), Some(location), "{path}");
    }
    assert_eq!(serve.get("//fr/").status, 200, "served as /fr/");
}

#[test]
fn idle_and_half_sent_connections_are_closed_but_the_reload_stream_stays_open() {
    let serve = Serve::start(&[]);
    let events = serve.events();
    let limit = Duration::from_secs(5);

    let mut silent = serve.connect();
    assert!(
        closed_within(&mut silent, limit).is_some(),
        "a connection that sends nothing stays open"
    );

    let mut half = serve.connect();
    half.write_all(b"GET /en/ HT").expect("send");
    assert!(
        closed_within(&mut half, limit).is_some(),
        "a half-sent request line stays open"
    );

    let mut kept_alive = serve.connect();
    write!(kept_alive, "HEAD /en/ HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n").expect("send");
    let mut head = Vec::new();
    let mut byte = [0u8; 1];
    while !head.ends_with(b"\r\n\r\n") {
        kept_alive.read_exact(&mut byte).expect("reply head");
        head.push(byte[0]);
    }
    assert!(head.starts_with(b"HTTP/1.1 200"));
    assert!(
        closed_within(&mut kept_alive, limit).is_some(),
        "an idle keep-alive connection stays open"
    );

    // Well past the timeout, the reload stream still announces a new build.
    std::thread::sleep(Duration::from_millis(4 * IDLE_TIMEOUT_MS));
    let practice = serve.root.join("content/practices/coaching.en.md");
    let text = std::fs::read_to_string(&practice).expect("read practice");
    std::fs::write(
        &practice,
        text.replace("Intensive coaching", "Coaching renamed"),
    )
    .expect("write practice");
    let deadline = Instant::now() + Duration::from_secs(30);
    while events.lock().unwrap().matches("event: build").count() < 2 {
        assert!(
            Instant::now() < deadline,
            "the reload stream closed or stayed silent:\n{}\nserve log:\n{}",
            events.lock().unwrap(),
            serve.log.lock().expect("serve log")
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}
