//! Absolute web addresses (`https://host/path`): the site's `base_url`, `--base-url` and the
//! links of the data files, checked by one rule.

/// Why a text is not an absolute http(s) address.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum AddressError {
    #[error("it does not start with http:// or https://")]
    Scheme,
    #[error("it has no host name after the scheme")]
    Host,
    #[error("it contains a space, a line break or another control character")]
    Blank,
}

/// Checks that `text` is an absolute http(s) address with a host, and holds nothing that
/// would end a line or a word where it is written (`robots.txt`, the sitemap, the pages).
pub fn check(text: &str) -> Result<(), AddressError> {
    if text.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(AddressError::Blank);
    }
    let after_scheme = ["https://", "http://"]
        .iter()
        .find_map(|scheme| strip_prefix_ignoring_case(text, scheme))
        .ok_or(AddressError::Scheme)?;
    if host(after_scheme).is_empty() {
        return Err(AddressError::Host);
    }
    Ok(())
}

fn strip_prefix_ignoring_case<'a>(text: &'a str, prefix: &str) -> Option<&'a str> {
    let head = text.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix)
        .then(|| &text[prefix.len()..])
}

/// The host of what follows the scheme: the authority without user name and port.
fn host(after_scheme: &str) -> &str {
    let authority = after_scheme
        .split(['/', '?', '#'])
        .next()
        .unwrap_or_default();
    let host_and_port = authority.rsplit('@').next().unwrap_or_default();
    match host_and_port.strip_prefix('[') {
        Some(ipv6) => ipv6.split(']').next().unwrap_or_default(),
        None => host_and_port.split(':').next().unwrap_or_default(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_absolute_web_addresses() {
        for url in [
            "https://example.org/",
            "http://127.0.0.1:8000/preview/",
            "HTTPS://Example.org/Sub",
            "https://[::1]:8080/",
            "https://user@example.org/?q=1#top",
        ] {
            assert_eq!(check(url), Ok(()), "{url}");
        }
    }

    #[test]
    fn refuses_the_rest_with_the_reason() {
        for (url, reason) in [
            ("example.org/", AddressError::Scheme),
            ("javascript:alert(1)", AddressError::Scheme),
            ("ftp://example.org/", AddressError::Scheme),
            ("https://", AddressError::Host),
            ("http:///path/", AddressError::Host),
            ("https://:80/", AddressError::Host),
            ("https://user@/", AddressError::Host),
            ("https://[]/", AddressError::Host),
            ("https://example.org/\nDisallow: /", AddressError::Blank),
            ("https://exa mple.org/", AddressError::Blank),
            ("https://example.org/\u{0}", AddressError::Blank),
            ("é", AddressError::Scheme),
        ] {
            assert_eq!(check(url), Err(reason), "{url:?}");
        }
    }
}
