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
        let mut v = s.to_value();
        rapikan(&mut v);
        let mut t = serde_json::to_string_pretty(&v).expect("a schema serializes");
        t.push('\n');
        t
    };
    [
        ("buku.schema.json", text(schemars::schema_for!(Buku))),
        ("sop.schema.json", text(schemars::schema_for!(Sop))),
    ]
}

const NIP: &str = "NIP terdiri dari 18 angka (boleh dengan spasi), misalnya 19780302 200212 1 005";
const TANGGAL: &str = "tulis tanggal sebagai TAHUN-BULAN-HARI, misalnya 2024-01-20";
const TANGGAL_REVISI: &str = "tulis tanggal sebagai TAHUN-BULAN-HARI, misalnya 2024-01-20, atau \"-\" bila belum pernah direvisi";

/// What an editor needs beyond the model: no `"default": null` (which
/// stops yaml-language-server from offering the key), and the formats of
/// NIPs and dates as patterns, so a wrong one is underlined as it is typed.
fn rapikan(v: &mut serde_json::Value) {
    use serde_json::Value;
    let Value::Object(map) = v else {
        if let Value::Array(items) = v {
            items.iter_mut().for_each(rapikan);
        }
        return;
    };
    if map.get("default") == Some(&Value::Null) {
        map.remove("default");
    }
    if let Some(Value::Object(props)) = map.get_mut("properties") {
        for (name, prop) in props.iter_mut() {
            let (pattern, message) = match name.as_str() {
                // 18 digits, spaces allowed between them.
                "nip" => (r"^ *([0-9] *){18}$", NIP),
                "pembuatan" | "efektif" => (r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$", TANGGAL),
                "revisi" if takes_text(prop) => {
                    (r"^([0-9]{4}-[0-9]{2}-[0-9]{2}|-|)$", TANGGAL_REVISI)
                }
                _ => continue,
            };
            if let Value::Object(p) = prop {
                p.insert("pattern".into(), pattern.into());
                // The editor's words when the value does not match (read
                // by yaml-language-server and VS Code).
                p.insert("patternErrorMessage".into(), message.into());
            }
        }
    }
    map.values_mut().for_each(rapikan);
}

/// Whether the schema `v` accepts a string.
fn takes_text(v: &serde_json::Value) -> bool {
    match v.get("type") {
        Some(serde_json::Value::String(t)) => t == "string",
        Some(serde_json::Value::Array(ts)) => ts.iter().any(|t| t == "string"),
        _ => false,
    }
}

/// Writes both schemas into `<root>/schema/`; returns the files written.
pub fn write(root: &Path) -> std::io::Result<Vec<PathBuf>> {
    use crate::files::tulis::{di_dalam, tulis_semua};
    let schemas = all();
    let paths = schemas
        .iter()
        .map(|(name, _)| di_dalam(root, &format!("{DIR}/{name}")))
        .collect::<std::io::Result<Vec<_>>>()?;
    let set: Vec<(&Path, &[u8])> = paths
        .iter()
        .zip(&schemas)
        .map(|(p, (_, text))| (p.as_path(), text.as_bytes()))
        .collect();
    tulis_semua(&set).map_err(|(_, e)| e)?;
    Ok(paths)
}

#[cfg(test)]
mod tests {
    #[test]
    fn schemas_offer_every_key_and_check_nip_and_dates() {
        for (name, text) in super::all() {
            assert!(!text.contains("\"default\": null"), "{name}");
        }
        let buku: serde_json::Value = serde_json::from_str(&super::all()[0].1).unwrap();
        let defs = &buku["$defs"];
        let nip = &defs["Orang"]["properties"]["nip"]["pattern"];
        let re = nip.as_str().unwrap();
        assert_eq!(re, r"^ *([0-9] *){18}$");
        let tanggal = &defs["Tanggal"]["properties"];
        assert_eq!(
            tanggal["pembuatan"]["pattern"],
            r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
        );
        assert_eq!(
            tanggal["revisi"]["pattern"],
            r"^([0-9]{4}-[0-9]{2}-[0-9]{2}|-|)$"
        );
        // An SOP's revision number stays a number.
        let sop: serde_json::Value = serde_json::from_str(&super::all()[1].1).unwrap();
        assert!(sop["properties"]["revisi"].get("pattern").is_none());
    }
}
