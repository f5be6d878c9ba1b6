//! Files the binary carries (templates, fonts, placeholder logos) and a
//! content folder's own replacements for them.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use include_dir::{Dir, include_dir};

use crate::diag::{Diagnostic, Diagnostics};

static TEMPLATES: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/templates");
static FONTS: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/fonts");
static LOGOS: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/logos");

/// Template sources by name: the bundled ones, each replaced by a file of
/// the same name in the content folder's `templates/`.
#[derive(Clone, Default)]
pub struct Templates(Arc<BTreeMap<String, String>>);

impl Templates {
    pub fn load(content_root: &Path) -> Result<Templates, Diagnostics> {
        let mut map = BTreeMap::new();
        for f in TEMPLATES.files() {
            let name = f.path().to_string_lossy().into_owned();
            map.insert(name, f.contents_utf8().unwrap_or_default().to_string());
        }
        let mut diags = Diagnostics::default();
        let own = content_root.join("templates");
        if let Ok(entries) = fs::read_dir(&own) {
            for e in entries.flatten() {
                let p = e.path();
                let Some(name) = p.file_name().and_then(|n| n.to_str()).map(str::to_string) else {
                    continue;
                };
                match fs::read_to_string(&p) {
                    Ok(text) => {
                        map.insert(name, text);
                    }
                    Err(err) => diags.push(Diagnostic::error(format!(
                        "templat `{}` tidak dapat dibaca: {}",
                        p.display(),
                        crate::content::io_reason(&err)
                    ))),
                }
            }
        }
        if diags.has_errors() {
            Err(diags)
        } else {
            Ok(Templates(Arc::new(map)))
        }
    }

    pub fn get(&self, name: &str) -> Option<String> {
        self.0.get(name).cloned()
    }
}

/// Font files: the bundled ones plus the readable ones of `own` (from
/// [`own_fonts`]).
pub fn fonts(own: Vec<(PathBuf, std::io::Result<Vec<u8>>)>) -> Vec<Vec<u8>> {
    let mut out: Vec<Vec<u8>> = FONTS
        .files()
        .filter(|f| is_font(f.path()))
        .map(|f| f.contents().to_vec())
        .collect();
    out.extend(own.into_iter().filter_map(|(_, b)| b.ok()));
    out
}

/// The font files of the content folder's `fonts/`, in name order, each
/// with its bytes or the reason it could not be read.
pub fn own_fonts(content_root: &Path) -> Vec<(PathBuf, std::io::Result<Vec<u8>>)> {
    let Ok(entries) = fs::read_dir(content_root.join("fonts")) else {
        return Vec::new();
    };
    let mut paths: Vec<PathBuf> = entries
        .flatten()
        .map(|e| e.path())
        .filter(|p| is_font(p))
        .collect();
    paths.sort();
    paths
        .into_iter()
        .map(|p| {
            let bytes = fs::read(&p);
            (p, bytes)
        })
        .collect()
}

fn is_font(p: &Path) -> bool {
    matches!(
        p.extension()
            .and_then(|x| x.to_str())
            .map(str::to_ascii_lowercase)
            .as_deref(),
        Some("ttf" | "otf" | "ttc")
    )
}

/// A bundled placeholder logo by file name.
pub fn bundled_logo(name: &str) -> Option<&'static [u8]> {
    LOGOS.get_file(name).map(|f| f.contents())
}
