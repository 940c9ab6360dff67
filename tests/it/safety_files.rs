//! The site folder is a boundary: benchlearn reads only files inside it. A link (symbolic link)
//! is followed only when what it points to is inside the site too; any other link, a broken
//! link, a folder it cannot read or a file that is not a plain file is an error naming it —
//! never skipped in silence, and never shown: a file outside the site may hold secrets
//! (`/proc/self/environ` holds the build's), so no byte of it appears in a report.

#![cfg(unix)]

use std::os::unix::fs::{symlink, PermissionsExt};
use std::path::Path;
use std::process::Command;

use crate::common::*;
use crate::served::Serve;

/// Text that must never appear in what benchlearn prints or writes.
const SECRET: &str = "SECRET-MARKER-7f3a";

/// A file beside the site (outside its root) holding the marker, in text a parser rejects, so
/// that reading it would show it in an error snippet.
fn secret_beside(site: &Site, name: &str) -> std::path::PathBuf {
    let path = site.beside(name);
    std::fs::write(&path, format!("{SECRET}: [unclosed\n  - {SECRET}\n")).expect("write secret");
    path
}

/// Replaces `relative` (a file of the site) with a link to `target`.
fn link(site: &Site, target: &Path, relative: &str) {
    let path = site.path(relative);
    if path.symlink_metadata().is_ok() {
        std::fs::remove_file(&path).expect("remove the file the link replaces");
    }
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).expect("create folder");
    }
    symlink(target, &path).expect("create link");
}

/// Runs `build` and `check`; both must fail with a report naming `relative` as a link that
/// points outside, write nothing, and never print the marker.
fn assert_refused_outside_link(site: &Site, relative: &str) {
    for command in ["build", "check"] {
        let run = site.run(&[command]);
        run.assert_code(1);
        assert!(
            run.stderr.contains(relative) && run.stderr.contains("points outside the site folder"),
            "`{command}` does not name the link {relative}:\n{}",
            run.stderr
        );
        assert_never_shown(&run);
        assert!(!site.output().exists(), "`{command}` wrote the site");
    }
}

fn assert_never_shown(run: &Run) {
    assert!(
        !run.stdout.contains(SECRET) && !run.stderr.contains(SECRET),
        "a file outside the site was shown:\n--- stdout:\n{}\n--- stderr:\n{}",
        run.stdout,
        run.stderr
    );
}

#[test]
fn site_yaml_linked_outside_is_refused_and_never_shown() {
    let site = Site::copy("minimal");
    let secret = secret_beside(&site, "secret.yaml");
    link(&site, &secret, "site.yaml");
    assert_refused_outside_link(&site, "site.yaml");
}

#[test]
fn a_data_file_linked_outside_is_refused_and_never_shown() {
    let site = Site::copy("minimal");
    let secret = secret_beside(&site, "secret.yaml");
    link(&site, &secret, "content/data/pes.yaml");
    assert_refused_outside_link(&site, "content/data/pes.yaml");
}

#[test]
fn a_document_linked_outside_is_refused_not_skipped() {
    let site = Site::copy("minimal");
    let outside = site.beside("practice.en.md");
    let practice = site
        .read("content/practices/coaching.en.md")
        .replace("Intensive coaching for jobseekers.", SECRET);
    std::fs::write(&outside, practice).expect("write outside practice");
    link(&site, &outside, "content/practices/coaching.en.md");
    assert_refused_outside_link(&site, "content/practices/coaching.en.md");
}

#[test]
fn an_observation_csv_linked_outside_is_refused_not_skipped() {
    let site = Site::copy("minimal");
    let outside = site.beside("observations.csv");
    std::fs::write(
        &outside,
        format!("pes,indicator,year,value\nde-ba,transitions,2021,{SECRET}\n"),
    )
    .expect("write outside csv");
    link(&site, &outside, "content/data/observations/more.csv");
    assert_refused_outside_link(&site, "content/data/observations/more.csv");
}

#[test]
fn a_folder_linked_outside_is_refused_and_not_entered() {
    let site = Site::copy("minimal");
    let outside = site.beside("shared-practices");
    std::fs::create_dir_all(&outside).expect("create outside folder");
    let practice = site
        .read("content/practices/coaching.fr.md")
        .replace("title:", &format!("# {SECRET}\ntitle: [unclosed"));
    std::fs::write(outside.join("leak.fr.md"), practice).expect("write outside practice");
    link(&site, &outside, "content/practices/shared");
    assert_refused_outside_link(&site, "content/practices/shared");
}

#[test]
fn a_static_file_linked_outside_is_refused_not_published() {
    let site = Site::copy("minimal");
    let outside = site.beside("key.txt");
    std::fs::write(&outside, SECRET).expect("write outside file");
    link(&site, &outside, "static/key.txt");
    assert_refused_outside_link(&site, "static/key.txt");
}

#[test]
fn links_to_files_and_folders_inside_the_site_are_followed() {
    let site = Site::copy("minimal");
    std::fs::create_dir_all(site.path("shared/notes")).expect("create shared folder");
    std::fs::rename(
        site.path("content/practices/coaching.en.md"),
        site.path("shared/coaching-en.txt"),
    )
    .expect("move the practice");
    link(
        &site,
        Path::new("../../shared/coaching-en.txt"),
        "content/practices/coaching.en.md",
    );
    std::fs::rename(
        site.path("content/data/pes.yaml"),
        site.path("shared/pes.yaml"),
    )
    .expect("move the members");
    // An absolute link is followed too, when it leads inside the site.
    link(
        &site,
        &site.path("shared/pes.yaml"),
        "content/data/pes.yaml",
    );
    site.write("shared/notes/note.txt", "linked folder\n");
    link(&site, Path::new("../shared/notes"), "static/notes");

    let output = site.build_ok();
    let english = page(&output, "en/good-practices/coaching/index.html");
    assert!(english.contains("Intensive coaching for jobseekers."));
    assert!(page(&output, "en/pes/fr-ft/index.html").contains("France Travail"));
    assert_eq!(page(&output, "notes/note.txt"), "linked folder\n");
}

#[test]
fn a_root_reached_through_a_link_builds() {
    let site = Site::copy("minimal");
    let alias = site.beside("alias");
    symlink(&site.root, &alias).expect("link to the site");
    let run = benchlearn(&alias, &["check"]);
    run.assert_code(0);
}

#[test]
fn a_broken_link_is_an_error_naming_it() {
    let site = Site::copy("minimal");
    link(
        &site,
        Path::new("nowhere.en.md"),
        "content/practices/gone.en.md",
    );
    let run = site.run(&["check"]);
    run.assert_code(1);
    assert!(
        run.stderr.contains("content/practices/gone.en.md") && run.stderr.contains("broken link"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_broken_site_yaml_link_is_an_error_naming_it() {
    let site = Site::copy("minimal");
    link(&site, Path::new("elsewhere.yaml"), "site.yaml");
    let run = site.run(&["check"]);
    run.assert_code(1);
    assert!(
        run.stderr.contains("site.yaml") && run.stderr.contains("broken link"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_link_looping_back_to_its_folder_is_an_error_not_a_hang() {
    let site = Site::copy("minimal");
    link(&site, Path::new("."), "content/practices/again");
    let run = site.run(&["check"]);
    run.assert_code(1);
    assert!(
        run.stderr.contains("content/practices/again") && run.stderr.contains("loop"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_pipe_among_documents_is_an_error_not_a_hang() {
    let site = Site::copy("minimal");
    let made = Command::new("mkfifo")
        .arg(site.path("content/practices/pipe.en.md"))
        .status();
    if !made.is_ok_and(|status| status.success()) {
        eprintln!("skipped: mkfifo is not available here");
        return;
    }
    let run = site.run(&["check"]);
    run.assert_code(1);
    assert!(
        run.stderr.contains("content/practices/pipe.en.md")
            && run.stderr.contains("not a regular file"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_theme_name_leaving_themes_is_refused_at_its_place() {
    let site = Site::copy("minimal");
    let outside = site.beside("x/static");
    std::fs::create_dir_all(&outside).expect("create outside theme");
    std::fs::write(outside.join("leak.txt"), SECRET).expect("write outside static file");
    for name in ["../../x", "/etc", "a/b", "..\\x", ".."] {
        let text = site.read("site.yaml");
        let text: String = text
            .lines()
            .filter(|line| !line.starts_with("theme:"))
            .map(|line| format!("{line}\n"))
            .collect();
        site.write("site.yaml", &format!("{text}theme: '{name}'\n"));
        let run = site.run(&["build"]);
        run.assert_code(1);
        assert!(
            run.stderr.contains("site.yaml:6:8") && run.stderr.contains("`theme`"),
            "theme {name:?} is not refused at its place:\n{}",
            run.stderr
        );
        assert_never_shown(&run);
        assert!(
            !site.output().exists(),
            "theme {name:?}: the site was written"
        );
    }
}

/// Runs `benchlearn check` on the site as an unprivileged user: root reads any file whatever
/// its permissions, so an unreadable folder is only unreadable to someone else. `None` when
/// this cannot be arranged here (root without `setpriv`).
fn check_as_unprivileged(site: &Site, locked: &Path) -> Option<Run> {
    std::fs::set_permissions(locked, std::fs::Permissions::from_mode(0o000)).expect("chmod");
    // Opening a folder or a file for reading despite mode 000 is the privilege of root.
    let running_as_root = std::fs::File::open(locked).is_ok();
    if !running_as_root {
        return Some(site.run(&["check"]));
    }
    // The temporary folder is private to root; the unprivileged user must reach the site.
    std::fs::set_permissions(site.dir.path(), std::fs::Permissions::from_mode(0o755))
        .expect("chmod");
    let output = Command::new("setpriv")
        .args(["--reuid=65534", "--regid=65534", "--clear-groups", "--"])
        .arg(env!("CARGO_BIN_EXE_benchlearn"))
        .arg("--root")
        .arg(&site.root)
        .arg("check")
        .env("NO_COLOR", "1")
        .output()
        .ok()?;
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    if stderr.starts_with("setpriv:") {
        eprintln!("skipped: cannot run as an unprivileged user here: {stderr}");
        return None;
    }
    Some(Run {
        code: output.status.code(),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr,
    })
}

#[test]
fn an_unreadable_folder_is_an_error_naming_it() {
    let site = Site::copy("minimal");
    site.write(
        "content/practices/private/hidden-away.en.md",
        &site.read("content/practices/coaching.en.md"),
    );
    let Some(run) = check_as_unprivileged(&site, &site.path("content/practices/private")) else {
        return;
    };
    run.assert_code(1);
    assert!(
        run.stderr.contains("content/practices/private")
            && run.stderr.contains("cannot read the folder"),
        "{}",
        run.stderr
    );
}

#[test]
fn an_unreadable_static_file_is_an_error_naming_it() {
    let site = Site::copy("minimal");
    site.write("static/robots-extra.txt", "allow\n");
    let Some(run) = check_as_unprivileged(&site, &site.path("static/robots-extra.txt")) else {
        return;
    };
    run.assert_code(1);
    assert!(
        run.stderr.contains("static/robots-extra.txt") && run.stderr.contains("cannot read"),
        "{}",
        run.stderr
    );
}

/// The inotify watches a process holds (Linux lists one `inotify wd:` line per watch).
fn inotify_watches(pid: u32) -> usize {
    let Ok(fds) = std::fs::read_dir(format!("/proc/{pid}/fdinfo")) else {
        return 0;
    };
    fds.filter_map(Result::ok)
        .filter_map(|fd| std::fs::read_to_string(fd.path()).ok())
        .map(|info| {
            info.lines()
                .filter(|l| l.starts_with("inotify wd:"))
                .count()
        })
        .sum()
}

#[test]
fn serve_does_not_watch_a_folder_linked_outside() {
    let site = Site::copy("serve");
    symlink("/usr", site.path("content/outside")).expect("link to /usr");
    let serve = Serve::on(site, &[], &[]);
    let watches = inotify_watches(serve.pid());
    let log = serve.log.lock().expect("serve log").clone();
    drop(serve);
    assert!(
        log.contains("content/outside") && log.contains("points outside the site folder"),
        "serve does not report the link:\n{log}"
    );
    if Path::new("/proc/self/fdinfo").is_dir() {
        assert!(
            watches < 200,
            "serve watches {watches} folders: it followed the link out of the site"
        );
    }
}
