//! The cross-reference stream lopdf writes last, compressed: lopdf stores
//! it raw (7 bytes for each of the booklet's ~4,000 objects, 29 KB of
//! 257 KB); with the PNG "up" predictor and Flate it takes a few hundred
//! bytes. Nothing follows it but `startxref`, so no offset moves.

use std::io::Write;

/// `pdf` with its cross-reference stream compressed, or unchanged when its
/// end is not the raw stream lopdf writes.
pub fn compress(pdf: Vec<u8>) -> Vec<u8> {
    compressed(&pdf).unwrap_or(pdf)
}

fn compressed(pdf: &[u8]) -> Option<Vec<u8>> {
    let tail = rfind(pdf, b"startxref")?;
    let start: usize = number(&pdf[tail + b"startxref".len()..])?;
    let object = pdf.get(start..tail)?;
    let dict_end = find(object, b">>stream\n")?;
    let dict = &object[..dict_end];
    if find(dict, b"/Type/XRef").is_none() || find(dict, b"/Filter").is_some() {
        return None;
    }
    let widths = find(dict, b"/W[")?;
    let columns: usize = dict[widths + 3..]
        .split(|&b| b == b']')
        .next()?
        .split(|&b| b == b' ')
        .map(number)
        .sum::<Option<usize>>()?;
    let length_at = find(dict, b"/Length ")?;
    let digits_at = length_at + b"/Length ".len();
    let after_length = digits_at
        + dict[digits_at..]
            .iter()
            .take_while(|b| b.is_ascii_digit())
            .count();
    let length: usize = number(&dict[digits_at..after_length])?;
    let data_start = dict_end + b">>stream\n".len();
    let data = object.get(data_start..data_start + length)?;
    if columns == 0 || data.len() % columns != 0 {
        return None;
    }

    // PNG predictor 2 ("up"): each row as its difference from the row above.
    let mut rows = Vec::with_capacity(data.len() + data.len() / columns);
    let mut above = vec![0u8; columns];
    for row in data.chunks(columns) {
        rows.push(2);
        rows.extend(row.iter().zip(&above).map(|(b, a)| b.wrapping_sub(*a)));
        above.copy_from_slice(row);
    }
    let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
    z.write_all(&rows).ok()?;
    let z = z.finish().ok()?;

    let mut out = Vec::with_capacity(start + z.len() + 256);
    out.extend_from_slice(&pdf[..start]);
    out.extend_from_slice(&dict[..length_at]);
    write!(
        out,
        "/Filter/FlateDecode/DecodeParms<</Predictor 12/Columns {columns}>>/Length {}",
        z.len()
    )
    .ok()?;
    out.extend_from_slice(&dict[after_length..]);
    out.extend_from_slice(b">>stream\n");
    out.extend_from_slice(&z);
    write!(out, "\nendstream\nendobj\nstartxref\n{start}\n%%EOF\n").ok()?;
    Some(out)
}

/// The decimal number at the start of `s`, after any white space.
fn number(s: &[u8]) -> Option<usize> {
    let s = s.trim_ascii_start();
    let digits = s.iter().take_while(|b| b.is_ascii_digit()).count();
    std::str::from_utf8(&s[..digits]).ok()?.parse().ok()
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

fn rfind(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).rposition(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A 300-page PDF saved by lopdf the way the booklet is.
    fn saved() -> Vec<u8> {
        let mut doc = lopdf::Document::with_version("1.7");
        let pages = doc.new_object_id();
        let kids: Vec<lopdf::Object> = (0..300)
            .map(|_| {
                let page = lopdf::dictionary! {"Type" => "Page", "Parent" => pages};
                doc.add_object(page).into()
            })
            .collect();
        doc.objects.insert(
            pages,
            lopdf::dictionary! {"Type" => "Pages", "Kids" => kids, "Count" => 300}.into(),
        );
        let catalog = doc.add_object(lopdf::dictionary! {"Type" => "Catalog", "Pages" => pages});
        doc.trailer.set("Root", catalog);
        let mut out = Vec::new();
        doc.save_modern(&mut out).unwrap();
        out
    }

    #[test]
    fn the_compressed_stream_reads_back_to_the_same_document() {
        let raw = saved();
        let packed = compress(raw.clone());
        assert!(
            packed.len() + 1500 < raw.len(),
            "{} vs {}",
            packed.len(),
            raw.len()
        );
        let a = lopdf::Document::load_mem(&raw).unwrap();
        let b = lopdf::Document::load_mem(&packed).unwrap();
        assert_eq!(a.get_pages(), b.get_pages());
        assert_eq!(a.objects.len(), b.objects.len());
    }

    #[test]
    fn a_file_that_does_not_end_in_a_raw_stream_is_left_alone() {
        let mut raw = saved();
        raw.extend_from_slice(b"% trailing junk startxref x");
        assert_eq!(compress(raw.clone()), raw);
    }
}
