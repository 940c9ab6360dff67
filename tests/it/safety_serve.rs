//! `benchlearn serve` against hostile clients (issue #12): DNS rebinding through the `Host`
//! header, redirects that a browser would read as another host, and connections that never
//! finish a request. The binary runs on a free port against a copy of `tests/fixtures/serve`.

use std::io::{ErrorKind, Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

use crate::served::*;

/// The idle timeout the tests give the server, through its hidden environment variable.
const IDLE_TIMEOUT_MS: u64 = 500;

/// The environment that sets it.
const IDLE: &[(&str, &str)] = &[("BENCHLEARN_SERVE_IDLE_TIMEOUT_MS", "500")];

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

#[test]
fn only_localhost_and_ip_addresses_are_served_on_every_route() {
    let serve = Serve::start_with_env(&[], IDLE);
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
    let serve = Serve::start_with_env(
        &[
            "--allowed-host",
            "preview.example",
            "--allowed-host",
            "Box.LAN",
        ],
        IDLE,
    );
    let port = serve.port;
    for host in [format!("preview.example:{port}"), "box.lan".to_string()] {
        assert_eq!(serve.get_as(&host, "/en/").status, 200, "Host {host}");
    }
    let other = serve.get_as(&format!("other.example:{port}"), "/en/");
    assert_eq!(other.status, 403);
}

#[test]
fn a_doubled_slash_never_redirects_to_another_host() {
    let serve = Serve::start_with_env(&[], IDLE);
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
    let serve = Serve::start_with_env(&[], IDLE);
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
    let practice = serve.site.root.join("content/practices/coaching.en.md");
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
