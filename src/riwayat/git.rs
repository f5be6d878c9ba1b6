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
    let mut archive = Command::new("git")
        .arg("-C")
        .arg(root)
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
    let out = Command::new("git")
        .arg("-C")
        .arg(root)
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
