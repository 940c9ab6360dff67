//! The `Host` check against DNS rebinding. A web page on a domain its author controls can make
//! that name resolve to 127.0.0.1 and then read the preview, drafts included, as its own
//! origin; its requests still carry the attacker's domain in `Host`. So the preview answers
//! only to `localhost`, IP addresses (a rebinding needs a domain name) and the names given
//! with `--allowed-host`.

use std::net::{IpAddr, Ipv6Addr};
use std::sync::Arc;

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, Response, StatusCode};
use axum::middleware::Next;

/// The host names, besides `localhost` and IP addresses, the preview answers to.
#[derive(Debug, Default)]
pub struct AllowedHosts {
    /// Lower-case, without a trailing dot.
    names: Vec<String>,
}

impl AllowedHosts {
    pub fn new(names: &[String]) -> AllowedHosts {
        AllowedHosts {
            names: names.iter().map(|name| normalise(name)).collect(),
        }
    }

    /// Whether a request whose `Host` header (or absolute URI) names `host` may be answered.
    fn permits(&self, host: &str) -> bool {
        let Some(name) = host_name(host) else {
            return false;
        };
        let name = normalise(name);
        name == "localhost" || name.parse::<IpAddr>().is_ok() || self.names.contains(&name)
    }

    /// Whether every host `request` names (its `Host` headers and the authority of an
    /// absolute URI) is permitted; a request that names none is not.
    fn permits_request(&self, request: &Request) -> bool {
        let headers = request.headers().get_all(header::HOST).iter();
        let named = headers.map(|value| value.to_str().ok());
        let authority = request.uri().authority().map(|a| Some(a.host()));
        let mut hosts = named.chain(authority).peekable();
        hosts.peek().is_some() && hosts.all(|host| host.is_some_and(|host| self.permits(host)))
    }
}

/// Checks an `--allowed-host` value: a bare host name, without scheme, port or path.
pub fn parse_allowed_host(text: &str) -> Result<String, String> {
    let plain = |c: char| c.is_ascii_alphanumeric() || matches!(c, '-' | '.' | '_');
    if !text.is_empty() && text.chars().all(plain) {
        Ok(text.to_string())
    } else {
        Err(format!(
            "`{text}` is not a host name; give the bare name, e.g. --allowed-host mybox.local"
        ))
    }
}

/// The middleware that answers 403 to requests for a host the preview does not answer to.
pub async fn check(
    State(allowed): State<Arc<AllowedHosts>>,
    request: Request,
    next: Next,
) -> Response<Body> {
    if allowed.permits_request(&request) {
        return next.run(request).await;
    }
    let mut response = Response::new(Body::from(REFUSAL));
    *response.status_mut() = StatusCode::FORBIDDEN;
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/plain; charset=utf-8"),
    );
    response
}

const REFUSAL: &str =
    "benchlearn serve answers only to localhost, IP addresses and the names given \
with --allowed-host NAME, so that no other web site can read the preview (DNS rebinding). To open \
it under this name, restart it with --allowed-host and the name in the address bar.\n";

/// The name in a `Host` value: without its port, and an IPv6 address without its brackets;
/// `None` if the value is malformed.
fn host_name(host: &str) -> Option<&str> {
    if let Some(bracketed) = host.strip_prefix('[') {
        let (address, rest) = bracketed.split_once(']')?;
        address.parse::<Ipv6Addr>().ok()?;
        let port_ok = rest.is_empty() || rest.strip_prefix(':').is_some_and(is_port);
        return port_ok.then_some(address);
    }
    let name = match host.split_once(':') {
        Some((name, port)) if is_port(port) => name,
        Some(_) => return None,
        None => host,
    };
    Some(name)
}

/// A port as `Host` carries it: digits, possibly none.
fn is_port(text: &str) -> bool {
    text.len() <= 5 && text.bytes().all(|b| b.is_ascii_digit())
}

/// Host names compare case-insensitively, and `name.` is the fully qualified `name`.
fn normalise(name: &str) -> String {
    name.strip_suffix('.').unwrap_or(name).to_ascii_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_name_of_a_host_value() {
        assert_eq!(host_name("localhost:1111"), Some("localhost"));
        assert_eq!(host_name("example.org"), Some("example.org"));
        assert_eq!(host_name("[::1]:1111"), Some("::1"));
        assert_eq!(host_name("[::1]"), Some("::1"));
        assert_eq!(host_name("[::1]x"), None);
        assert_eq!(host_name("[evil.example]"), None);
        assert_eq!(host_name("::1"), None);
        assert_eq!(host_name("a:b"), None);
    }

    #[test]
    fn permits_localhost_ip_addresses_and_allowed_names_only() {
        let hosts = AllowedHosts::new(&["Box.lan".to_string()]);
        for host in [
            "localhost:80",
            "LOCALHOST.",
            "127.0.0.1",
            "10.0.0.2:1111",
            "[::1]:1111",
            "[fe80::1]",
            "box.LAN:1111",
        ] {
            assert!(hosts.permits(host), "{host}");
        }
        for host in [
            "",
            "evil.example",
            "localhost.evil.example",
            "127.0.0.1.nip.io",
            "box.lan.evil.example",
            "0x7f.1",
        ] {
            assert!(!hosts.permits(host), "{host}");
        }
    }

    #[test]
    fn accepts_bare_names_as_allowed_hosts() {
        assert!(parse_allowed_host("mybox.local").is_ok());
        assert!(parse_allowed_host("http://mybox.local/").is_err());
        assert!(parse_allowed_host("mybox.local:1111").is_err());
        assert!(parse_allowed_host("").is_err());
    }
}
