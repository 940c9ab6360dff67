//! Live reload: every served page carries a small script that listens to a server-sent event
//! stream and reloads the page when a new build is published.
//!
//! Each page knows the build number it was served from, and the stream starts with the current
//! number, so a build published between the page load and the stream's connection (or while
//! the server was restarted) still reloads the page.

use std::convert::Infallible;
use std::time::Duration;

use axum::response::sse::{Event, KeepAlive, Sse};
use tokio::sync::broadcast;
use tokio_stream::wrappers::BroadcastStream;
use tokio_stream::{Stream, StreamExt};

/// Where pages listen for new builds; a path no site page can have.
pub const EVENTS_PATH: &str = "/__benchlearn/events";

/// The name of the event that carries a build number.
const EVENT_NAME: &str = "build";

/// The script injected before `</body>` of every HTML page, in `serve` only.
pub fn script(version: u64) -> String {
    format!(
        "<script data-benchlearn-live-reload>(() => {{\
const served = \"{version}\";\
const events = new EventSource(\"{EVENTS_PATH}\");\
events.addEventListener(\"{EVENT_NAME}\", (event) => {{ if (event.data !== served) {{ events.close(); location.reload(); }} }});\
}})();</script>"
    )
}

/// The event stream for one browser tab: the current build number, then each new one.
pub fn stream(
    current: u64,
    builds: broadcast::Receiver<u64>,
) -> Sse<impl Stream<Item = Result<Event, Infallible>>> {
    let first = tokio_stream::once(current);
    // A lagging receiver only missed intermediate numbers; the next one still triggers a reload.
    let later = BroadcastStream::new(builds).filter_map(Result::ok);
    let events = first
        .chain(later)
        .map(|version| Ok(Event::default().event(EVENT_NAME).data(version.to_string())));
    Sse::new(events).keep_alive(KeepAlive::new().interval(Duration::from_secs(15)))
}

/// Inserts `extra` before the page's last `</body>`, or at its end if it has none.
pub fn inject(html: &[u8], extra: &str) -> Vec<u8> {
    let position = find_last(html, b"</body>").unwrap_or(html.len());
    let mut out = Vec::with_capacity(html.len() + extra.len());
    out.extend_from_slice(&html[..position]);
    out.extend_from_slice(extra.as_bytes());
    out.extend_from_slice(&html[position..]);
    out
}

fn find_last(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack
        .windows(needle.len())
        .rposition(|window| window.eq_ignore_ascii_case(needle))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn injects_before_the_closing_body() {
        let page = inject(b"<html><body><p>x</p></body></html>", "<script></script>");
        assert_eq!(
            String::from_utf8(page).unwrap(),
            "<html><body><p>x</p><script></script></body></html>"
        );
        let fragment = inject(b"<p>x</p>", "<s>");
        assert_eq!(fragment, b"<p>x</p><s>");
    }
}
