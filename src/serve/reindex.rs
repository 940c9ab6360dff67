//! The search index after an incremental rebuild: pages reload at once, and Pagefind's bundle
//! is rebuilt from the whole served site on a background thread, then swapped in quietly (open
//! pages keep working; the next search uses the new index). It starts once saves pause, and
//! requests that arrive while an index is being built are coalesced: only the latest site is
//! indexed.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::Arc;
use std::time::{Duration, Instant};

use super::server::Shared;
use crate::config::Config;
use crate::eprintln_visible;
use crate::render::OutputFile;

/// How long the site must go without a rebuild before it is indexed again.
const QUIET: Duration = Duration::from_millis(1500);

/// Hands index refreshes to the background thread.
pub struct Reindexer {
    requests: Sender<Config>,
}

impl Reindexer {
    /// Starts the background thread, which indexes what `shared` serves.
    pub fn start(shared: Arc<Shared>) -> Reindexer {
        let (requests, receiver) = mpsc::channel();
        std::thread::spawn(move || work(&shared, &receiver));
        Reindexer { requests }
    }

    /// Asks for the served site to be indexed again with `config`'s search settings.
    pub fn refresh(&self, config: Config) {
        if config.search.enabled {
            // The thread only stops with the process.
            let _ = self.requests.send(config);
        }
    }
}

fn work(shared: &Shared, requests: &Receiver<Config>) {
    while let Ok(mut config) = requests.recv() {
        // Wait for a pause in the author's saves: indexing a large site takes seconds of both
        // cores, better spent on the next save's pages.
        while let Ok(newer) = requests.recv_timeout(QUIET) {
            config = newer;
        }
        let started = Instant::now();
        let served = shared.current();
        let index = config.search.path_prefix();
        let mut files: HashMap<String, Arc<Vec<u8>>> = served
            .files
            .iter()
            .filter(|(path, _)| !path.starts_with(&index))
            .map(|(path, bytes)| (path.clone(), Arc::clone(bytes)))
            .collect();
        let pages: Vec<OutputFile> = files
            .iter()
            .map(|(path, bytes)| OutputFile {
                path: PathBuf::from(path),
                bytes: Arc::clone(bytes),
            })
            .collect();
        let bundle = match crate::search::index(&config, &pages) {
            Ok(bundle) => bundle,
            Err(error) => {
                eprintln_visible!("warning: the search index was not refreshed: {error}");
                continue;
            }
        };
        for OutputFile { path, bytes } in bundle {
            files.insert(path.to_string_lossy().replace('\\', "/"), bytes);
        }
        if shared.replace_files_quietly(&served.files, files) {
            eprintln_visible!(
                "search index refreshed in {} ms",
                started.elapsed().as_millis()
            );
        }
    }
}
