//! Content folders as they were at a git revision, for `bukusop beda`.

use std::path::Path;
use std::process::{Command, Stdio};

use crate::diag::Diagnostic;

/// Writes the content folder `root` as it was at `rev` into `to` (an
/// empty folder), using `git archive`. `rev` is resolved to a commit first
/// and only its hash reaches `git archive`: a value such as
/// `--output=/some/file` is a revision that does not exist, never an
/// option.
pub fn export(root: &Path, rev: &str, to: &Path) -> Result<(), Diagnostic> {
    let fail = |why: String| {
        Diagnostic::error(format!("isi folder pada revisi git `{rev}` tidak dapat diambil: {why}"))
            .hint("periksa nama revisinya (misalnya `HEAD~1`, nama tag, atau hash commit) dan bahwa folder konten ada di dalam repositori git")
    };
    let hash = commit(root, rev).map_err(fail)?;
    let mut archive = git(root)
        .map_err(fail)?
        .args(["archive", "--format=tar", &hash, "--"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| fail(format!("perintah git tidak dapat dijalankan ({e})")))?;
    let stdout = archive.stdout.take().expect("piped");
    let untar = Command::new("tar")
        .arg("-x")
        .arg("-C")
        .arg(to)
        .stdin(stdout)
        .output()
        .map_err(|e| fail(format!("perintah tar tidak dapat dijalankan ({e})")))?;
    let out = archive
        .wait_with_output()
        .map_err(|e| fail(e.to_string()))?;
    if !out.status.success() {
        let msg = String::from_utf8_lossy(&out.stderr);
        return Err(fail(msg.lines().next().unwrap_or("").trim().to_string()));
    }
    if !untar.status.success() {
        return Err(fail(
            String::from_utf8_lossy(&untar.stderr).trim().to_string(),
        ));
    }
    Ok(())
}

/// The full hash of the commit `rev` names in the repository of `root`.
fn commit(root: &Path, rev: &str) -> Result<String, String> {
    if rev.is_empty() || rev.starts_with('-') || rev.chars().any(char::is_control) {
        return Err("bukan nama revisi".into());
    }
    let out = git(root)?
        .args(["rev-parse", "--verify", "--quiet", "--end-of-options"])
        .arg(format!("{rev}^{{commit}}"))
        .stdin(Stdio::null())
        .output()
        .map_err(|e| format!("perintah git tidak dapat dijalankan ({e})"))?;
    let hash = String::from_utf8_lossy(&out.stdout).trim().to_string();
    if out.status.success() && !hash.is_empty() && hash.bytes().all(|b| b.is_ascii_hexdigit()) {
        Ok(hash)
    } else {
        Err("revisi itu tidak ada di repositori".into())
    }
}

/// git run in the repository `root` is in, and in no repository a content
/// folder carries: files a fork committed (`HEAD`, `objects/`, `refs/`,
/// `config`) make a folder look like a bare repository, whose config could
/// name a remote that runs a command when git fetches a missing object.
/// The repository is the nearest folder with a `.git` (which git never
/// lets anyone commit), named to git explicitly; git fetches nothing and
/// runs no file-system monitor.
fn git(root: &Path) -> Result<Command, String> {
    let root = std::fs::canonicalize(root).map_err(|e| crate::files::io_reason(&e))?;
    let Some(repo) = root
        .ancestors()
        .find(|a| std::fs::symlink_metadata(a.join(".git")).is_ok())
    else {
        return Err("folder konten tidak berada di dalam repositori git".into());
    };
    let mut c = Command::new("git");
    c.args(["-c", "safe.bareRepository=explicit"])
        .args(["-c", "protocol.allow=never"])
        .args(["-c", "core.fsmonitor=false"])
        .env("GIT_NO_LAZY_FETCH", "1")
        .env("GIT_TERMINAL_PROMPT", "0")
        .arg("-C")
        .arg(&root)
        .arg(format!("--git-dir={}", repo.join(".git").display()))
        .arg(format!("--work-tree={}", repo.display()));
    Ok(c)
}
