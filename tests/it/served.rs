//! A running `benchlearn serve` for the tests that talk to it over HTTP: the binary on a free
//! port against a temporary copy of `tests/fixtures/serve`, its log, its reload stream and raw
//! requests, so a test can send exactly what a browser or an attacker would.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::common::*;

/// A running `benchlearn serve`, stopped when dropped.
pub struct Serve {
    child: Child,
    pub port: u16,
    /// What `serve` printed so far.
    pub log: Arc<Mutex<String>>,
    /// The served copy of the fixture, edited by the tests.
    pub site: Site,
}

impl Serve {
    /// Copies the fixture site to a temporary folder and serves it on a free port.
    pub fn start() -> Serve {
        Serve::start_after(|_| {})
    }

    /// Like [`Serve::start`], with `prepare` run on the site before the server starts.
    pub fn start_after(prepare: impl FnOnce(&Site)) -> Serve {
        Serve::start_with(&[], prepare)
    }

    /// Like [`Serve::start_after`], with more arguments for `serve`.
    pub fn start_with(arguments: &[&str], prepare: impl FnOnce(&Site)) -> Serve {
        Serve::on(Serve::fixture(prepare), arguments, &[])
    }

    /// Like [`Serve::start_with`], with environment variables for the process.
    pub fn start_with_env(arguments: &[&str], env: &[(&str, &str)]) -> Serve {
        Serve::on(Serve::fixture(|_| {}), arguments, env)
    }

    /// A copy of `tests/fixtures/serve`, with a secret beside it that must never be served.
    fn fixture(prepare: impl FnOnce(&Site)) -> Site {
        let site = Site::copy("serve");
        std::fs::write(site.beside("secret.txt"), "TOP-SECRET-OUTSIDE").expect("write");
        prepare(&site);
        site
    }

    /// Serves `site` with more `arguments` and `env` for the process.
    pub fn on(site: Site, arguments: &[&str], env: &[(&str, &str)]) -> Serve {
        let mut child = command(&site.root, &[&["serve", "--port", "0"], arguments].concat())
            .envs(env.iter().copied())
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
            site,
        }
    }

    /// Saves like editors that write a temporary file and rename it over the original.
    pub fn write_by_rename(&self, relative: &str, text: &str) {
        let target = self.site.path(relative);
        let temporary = target.with_extension("md.tmp");
        std::fs::write(&temporary, text).expect("write temporary file");
        std::fs::rename(&temporary, &target).expect("rename over");
    }

    pub fn get(&self, path: &str) -> Reply {
        self.request(&format!("GET {path} HTTP/1.1"))
    }

    /// Sends `request_line` verbatim, so paths reach the server exactly as written.
    pub fn request(&self, request_line: &str) -> Reply {
        Reply::parse(&String::from_utf8_lossy(&self.raw_reply(request_line)))
    }

    /// The bytes of the reply to `request_line`, head and body as sent.
    pub fn raw_reply(&self, request_line: &str) -> Vec<u8> {
        self.raw_reply_as("127.0.0.1", request_line)
    }

    /// `GET path` with the given `Host` header.
    pub fn get_as(&self, host: &str, path: &str) -> Reply {
        let raw = self.raw_reply_as(host, &format!("GET {path} HTTP/1.1"));
        Reply::parse(&String::from_utf8_lossy(&raw))
    }

    /// A connection to the server, with a read timeout so a test cannot hang on it.
    pub fn connect(&self) -> TcpStream {
        let stream = TcpStream::connect(("127.0.0.1", self.port)).expect("connect");
        stream
            .set_read_timeout(Some(Duration::from_secs(30)))
            .expect("timeout");
        stream
    }

    fn raw_reply_as(&self, host: &str, request_line: &str) -> Vec<u8> {
        let mut stream = self.connect();
        write!(
            stream,
            "{request_line}\r\nHost: {host}\r\nConnection: close\r\n\r\n"
        )
        .expect("send");
        let mut raw = Vec::new();
        stream.read_to_end(&mut raw).expect("read reply");
        raw
    }

    /// Waits until `path` serves a page for which `done` holds; panics with the log otherwise.
    pub fn wait_for(&self, path: &str, what: &str, done: impl Fn(&Reply) -> bool) -> Reply {
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            let reply = self.get(path);
            if done(&reply) {
                return reply;
            }
            if Instant::now() > deadline {
                panic!(
                    "{path} never showed {what}; last reply:\n{}\nserve log:\n{}",
                    reply.body,
                    self.log.lock().expect("serve log")
                );
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Opens the live-reload stream; what arrives is collected in the background.
    pub fn events(&self) -> Arc<Mutex<String>> {
        let mut stream = TcpStream::connect(("127.0.0.1", self.port)).expect("connect");
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

    /// The page count of the log line `<what>: rendered N pages in …`, once it is printed.
    pub fn rendered(&self, what: &str) -> usize {
        let prefix = format!("{what}: rendered ");
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            let log = self.log.lock().expect("serve log").clone();
            let count = log.lines().rev().find_map(|line| {
                let rest = line.strip_prefix(&prefix)?;
                rest.split_whitespace().next()?.parse().ok()
            });
            if let Some(count) = count {
                return count;
            }
            assert!(Instant::now() < deadline, "no `{prefix}` line in:\n{log}");
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// The process id, to look at what the server holds.
    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    pub fn still_running(&mut self) -> bool {
        self.child.try_wait().expect("process status").is_none()
    }
}

impl Drop for Serve {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The build numbers announced on the live-reload stream so far.
pub fn builds(events: &Mutex<String>) -> Vec<String> {
    let text = events.lock().expect("events lock").clone();
    text.split("event: build")
        .skip(1)
        .filter_map(|chunk| {
            let data = chunk.split("data: ").nth(1)?;
            Some(data.lines().next()?.trim().to_string())
        })
        .collect()
}

pub fn wait_for_builds(events: &Mutex<String>, count: usize) -> Vec<String> {
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let seen = builds(events);
        if seen.len() >= count {
            return seen;
        }
        assert!(Instant::now() < deadline, "only {seen:?} arrived");
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// A reply as the server sent it.
pub struct Reply {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl Reply {
    pub fn parse(raw: &str) -> Reply {
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

    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}
