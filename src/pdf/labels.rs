//! PDF page labels, so a viewer shows the printed page numbers: the front
//! matter as i, ii, iii … and the SOP pages as 1, 2, 3 … (set by
//! `pack`, which replaces Typst's own with one compact number tree); read
//! back here for tests and checks.

use lopdf::{Document, Object};

/// The page labels of a PDF as `(first page index, style, start)`, for
/// tests and checks.
pub fn read(pdf: &[u8]) -> Vec<(i64, String, i64)> {
    let Ok(doc) = Document::load_mem(pdf) else {
        return Vec::new();
    };
    let nums = doc
        .catalog()
        .ok()
        .and_then(|c| c.get(b"PageLabels").ok())
        .and_then(|l| match l {
            Object::Reference(r) => doc.get_object(*r).ok(),
            other => Some(other),
        })
        .and_then(|l| l.as_dict().ok())
        .and_then(|d| d.get(b"Nums").ok())
        .and_then(|n| n.as_array().ok())
        .cloned()
        .unwrap_or_default();
    nums.chunks(2)
        .filter_map(|pair| {
            let index = pair.first()?.as_i64().ok()?;
            let dict = match pair.get(1)? {
                Object::Reference(r) => doc.get_object(*r).ok()?.as_dict().ok()?,
                other => other.as_dict().ok()?,
            };
            let style = dict
                .get(b"S")
                .ok()
                .and_then(|s| s.as_name().ok())
                .map(|s| String::from_utf8_lossy(s).into_owned())
                .unwrap_or_default();
            let start = dict
                .get(b"St")
                .ok()
                .and_then(|s| s.as_i64().ok())
                .unwrap_or(1);
            Some((index, style, start))
        })
        .collect()
}
