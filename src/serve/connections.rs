//! The accept loop of the preview. Connections are bounded in number, and one that does not
//! send a complete request head in time, or stays idle that long between requests, is closed:
//! otherwise clients that open connections and send nothing would hold memory for ever. A
//! response in flight (the live-reload stream) is never cut.

use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use hyper::server::conn::http1;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::service::TowerToHyperService;
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::Semaphore;

/// Connections served at once; more wait in the listen queue. Browsers open six per host, so
/// this leaves room for many tabs while memory stays bounded.
const MAX_CONNECTIONS: usize = 256;

/// How long a connection may take to send a request head, or stay idle between requests.
const IDLE_TIMEOUT: Duration = Duration::from_secs(10);

/// Replaces [`IDLE_TIMEOUT`] with this many milliseconds, so tests need not wait ten seconds.
const IDLE_TIMEOUT_VARIABLE: &str = "BENCHLEARN_SERVE_IDLE_TIMEOUT_MS";

/// The idle timeout: [`IDLE_TIMEOUT`], unless the environment sets another.
pub fn idle_timeout() -> Duration {
    std::env::var(IDLE_TIMEOUT_VARIABLE)
        .ok()
        .and_then(|text| text.parse::<u64>().ok())
        .filter(|&milliseconds| milliseconds > 0)
        .map_or(IDLE_TIMEOUT, Duration::from_millis)
}

/// Serves `router` on every connection `listener` accepts, for as long as the process runs.
pub async fn serve(listener: TcpListener, router: Router, idle_timeout: Duration) {
    let slots = Arc::new(Semaphore::new(MAX_CONNECTIONS));
    // The semaphore is never closed, so this loops for ever.
    while let Ok(slot) = Arc::clone(&slots).acquire_owned().await {
        let stream = accept(&listener).await;
        let router = router.clone();
        tokio::spawn(async move {
            let connection = http1::Builder::new()
                .timer(TokioTimer::new())
                .header_read_timeout(idle_timeout)
                .serve_connection(TokioIo::new(stream), TowerToHyperService::new(router));
            // A client that leaves or times out ends only its own connection.
            let _ = connection.await;
            drop(slot);
        });
    }
}

/// The next connection; errors are retried, after a pause when the process is out of
/// resources (file descriptors), so the loop does not spin.
async fn accept(listener: &TcpListener) -> TcpStream {
    loop {
        match listener.accept().await {
            Ok((stream, _)) => return stream,
            Err(error) if is_connection_error(&error) => {}
            Err(error) => {
                crate::terminal::stderr_line(format_args!(
                    "warning: cannot accept a connection: {error}"
                ));
                tokio::time::sleep(Duration::from_secs(1)).await;
            }
        }
    }
}

/// Errors that concern one connection only (its client already left).
fn is_connection_error(error: &std::io::Error) -> bool {
    use std::io::ErrorKind::{ConnectionAborted, ConnectionRefused, ConnectionReset};
    matches!(
        error.kind(),
        ConnectionAborted | ConnectionRefused | ConnectionReset
    )
}
