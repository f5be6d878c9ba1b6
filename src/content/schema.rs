//! JSON Schemas of the two kinds of content file, generated from the model
//! itself, so editors (VS Code's YAML extension) complete and check keys as
//! the user types, with Indonesian descriptions.

use std::path::{Path, PathBuf};

use super::model::{Buku, Sop};

/// The folder inside a content folder that holds the schemas.
pub const DIR: &str = "schema";

/// `(file name, schema text)` for `buku.yaml` and for SOP files.
pub fn all() -> [(&'static str, String); 2] {
    let text = |s: schemars::Schema| {
        let mut t = serde_json::to_string_pretty(&s).expect("a schema serializes");
        t.push('\n');
        t
    };
    [
        ("buku.schema.json", text(schemars::schema_for!(Buku))),
        ("sop.schema.json", text(schemars::schema_for!(Sop))),
    ]
}

/// Writes both schemas into `<root>/schema/`; returns the files written.
pub fn write(root: &Path) -> std::io::Result<Vec<PathBuf>> {
    let dir = root.join(DIR);
    std::fs::create_dir_all(&dir)?;
    let mut written = Vec::new();
    for (name, text) in all() {
        let path = dir.join(name);
        crate::files::tulis(&path, text.as_bytes())?;
        written.push(path);
    }
    Ok(written)
}
