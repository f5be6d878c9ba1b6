//! Typst's PDF packed: its small objects (most of them the tag tree's
//! dictionaries, which Typst writes uncompressed) into compressed object
//! streams, a compressed cross-reference stream in place of the table, and
//! the page labels set. Typst writes one cross-reference table and each
//! object as `N 0 obj … endobj`, so objects are moved as they are, never
//! parsed (lopdf took 40 ms to parse and write the booklet again, this
//! takes a few); the streams are compressed in parallel. The bytes do not
//! depend on the machine: streams hold a fixed number of objects.

use std::io::Write;

/// Objects one object stream holds.
const PER_STREAM: usize = 1500;

/// A problem with the file Typst wrote, in Indonesian.
pub type Galat = String;

/// Packs `pdf`, which must have `pages` pages, labelling the first `front`
/// in lower-case roman numerals and the rest in decimals from 1.
pub fn pack(pdf: &[u8], pages: usize, front: usize) -> Result<Vec<u8>, Galat> {
    let file = Berkas::read(pdf)?;
    let catalog = file.object(file.root)?;
    // The page tree's root holds no text: its count is the page count.
    let found = reference_after(catalog.body, b"/Pages")
        .and_then(|id| file.object(id).ok())
        .and_then(|tree| number(&tree.body[find(tree.body, b"/Count")? + 6..]));
    if found != Some(pages) {
        let found = found.map_or("?".to_string(), |n| n.to_string());
        return Err(format!("PDF berisi {found} halaman, seharusnya {pages}"));
    }
    // Typst's own labels (an object the catalog names) give way to ours.
    let tree = labels(front);
    let mut replaced: Vec<(usize, Vec<u8>)> = Vec::new();
    match reference_after(catalog.body, b"/PageLabels") {
        Some(id) => replaced.push((id, tree)),
        None => {
            let body = catalog.body;
            let end = body.strip_suffix(b">>").ok_or("katalog PDF bukan kamus")?;
            let mut with = end.to_vec();
            with.extend_from_slice(b"/PageLabels");
            with.extend_from_slice(&tree);
            with.extend_from_slice(b">>");
            replaced.push((file.root, with));
        }
    }
    let body_of = |o: &Obj<'_>| -> Vec<u8> {
        replaced
            .iter()
            .find(|(id, _)| *id == o.id)
            .map_or_else(|| o.body.to_vec(), |(_, b)| b.clone())
    };

    let mut out = Vec::with_capacity(pdf.len() / 3);
    out.extend_from_slice(&pdf[..file.first]);
    // Where each object is: (type, field 2, field 3) of its xref entry.
    let mut entries = vec![(0u8, 0usize, 0usize); file.size];
    entries[0] = (0, 0, 65535);
    for o in file.objects.iter().filter(|o| o.stream) {
        entries[o.id] = (1, out.len(), 0);
        writeln!(out, "{} 0 obj", o.id).map_err(|e| e.to_string())?;
        out.extend_from_slice(&body_of(o));
        out.extend_from_slice(b"\nendobj\n");
    }
    let small: Vec<&Obj<'_>> = file.objects.iter().filter(|o| !o.stream).collect();
    let chunks: Vec<&[&Obj<'_>]> = small.chunks(PER_STREAM).collect();
    let streams: Vec<Vec<u8>> = std::thread::scope(|s| {
        let handles: Vec<_> = chunks
            .iter()
            .map(|chunk| s.spawn(|| object_stream(chunk, &body_of)))
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().unwrap_or_default())
            .collect()
    });
    for (next, (chunk, stream)) in (file.size..).zip(chunks.iter().zip(&streams)) {
        for (k, o) in chunk.iter().enumerate() {
            entries[o.id] = (2, next, k);
        }
        entries.push((1, out.len(), 0));
        writeln!(out, "{next} 0 obj").map_err(|e| e.to_string())?;
        out.extend_from_slice(stream);
        out.extend_from_slice(b"\nendobj\n");
    }
    // The cross-reference stream, its own entry last.
    let xref_at = out.len();
    entries.push((1, xref_at, 0));
    let size = entries.len();
    let mut rows = Vec::with_capacity(size * 7);
    for (kind, a, b) in &entries {
        rows.push(*kind);
        rows.extend_from_slice(&(*a as u32).to_be_bytes());
        rows.extend_from_slice(&(*b as u16).to_be_bytes());
    }
    let data = deflate(&up_predictor(&rows, 7), 9)?;
    write!(
        out,
        "{} 0 obj\n<</Type/XRef/Size {size}/W[1 4 2]/Root {} 0 R",
        size - 1,
        file.root
    )
    .map_err(|e| e.to_string())?;
    if let Some(info) = file.info {
        write!(out, "/Info {info} 0 R").map_err(|e| e.to_string())?;
    }
    if let Some(id) = file.id {
        out.extend_from_slice(b"/ID");
        out.extend_from_slice(id);
    }
    writeln!(
        out,
        "/Filter/FlateDecode/DecodeParms<</Predictor 12/Columns 7>>/Length {}>>stream",
        data.len()
    )
    .map_err(|e| e.to_string())?;
    out.extend_from_slice(&data);
    write!(out, "\nendstream\nendobj\nstartxref\n{xref_at}\n%%EOF\n").map_err(|e| e.to_string())?;
    Ok(out)
}

/// One object of the file: its body between `N 0 obj` and `endobj`.
struct Obj<'a> {
    id: usize,
    body: &'a [u8],
    /// A stream (it cannot go into an object stream).
    stream: bool,
}

/// The file as Typst wrote it.
struct Berkas<'a> {
    /// Where the first object starts: the header before it is kept.
    first: usize,
    /// Object numbers run below this.
    size: usize,
    objects: Vec<Obj<'a>>,
    root: usize,
    info: Option<usize>,
    /// The `[…]` of the trailer's `/ID`.
    id: Option<&'a [u8]>,
}

impl<'a> Berkas<'a> {
    fn read(pdf: &'a [u8]) -> Result<Berkas<'a>, Galat> {
        let odd = |what: &str| format!("PDF dari Typst tidak berbentuk seperti biasanya ({what})");
        let tail = rfind(pdf, b"startxref").ok_or_else(|| odd("startxref"))?;
        let xref_at = number(&pdf[tail + 9..]).ok_or_else(|| odd("startxref"))?;
        let table = pdf.get(xref_at..tail).ok_or_else(|| odd("xref"))?;
        let rest = table.strip_prefix(b"xref").ok_or_else(|| odd("xref"))?;
        let rest = rest.trim_ascii_start();
        let line_end = rest
            .iter()
            .position(|b| *b == b'\n' || *b == b'\r')
            .ok_or_else(|| odd("xref"))?;
        let mut head = rest[..line_end].split(|b| *b == b' ');
        let (Some(b"0"), Some(n)) = (head.next(), head.next().and_then(number)) else {
            return Err(odd("subbagian xref"));
        };
        let entries = rest[line_end..].trim_ascii_start();
        let mut starts: Vec<(usize, usize)> = Vec::with_capacity(n);
        for k in 1..n {
            let e = entries
                .get(20 * k..20 * k + 20)
                .ok_or_else(|| odd("entri xref"))?;
            match e[17] {
                b'n' => starts.push((number(&e[..10]).ok_or_else(|| odd("entri xref"))?, k)),
                b'f' => {}
                _ => return Err(odd("entri xref")),
            }
        }
        let trailer = &entries[(20 * n).min(entries.len())..];
        let trailer = trailer
            .strip_prefix(b"trailer")
            .ok_or_else(|| odd("trailer"))?;
        let root = reference_after(trailer, b"/Root").ok_or_else(|| odd("/Root"))?;
        let info = reference_after(trailer, b"/Info");
        let id = find(trailer, b"/ID[").and_then(|at| {
            let from = at + 3;
            let len = trailer[from..].iter().position(|b| *b == b']')? + 1;
            Some(&trailer[from..from + len])
        });
        starts.sort_unstable();
        let first = starts.first().map_or(xref_at, |(at, _)| *at);
        let mut objects = Vec::with_capacity(starts.len());
        for (k, &(at, id)) in starts.iter().enumerate() {
            let end = starts.get(k + 1).map_or(xref_at, |(next, _)| *next);
            let text = pdf.get(at..end).ok_or_else(|| odd("letak objek"))?;
            let head = format!("{id} 0 obj");
            let body = text
                .strip_prefix(head.as_bytes())
                .and_then(|b| b.trim_ascii().strip_suffix(b"endobj"))
                .ok_or_else(|| odd("objek"))?
                .trim_ascii();
            objects.push(Obj {
                id,
                body,
                stream: body.ends_with(b"endstream"),
            });
        }
        objects.sort_unstable_by_key(|o| o.id);
        Ok(Berkas {
            first,
            size: n,
            objects,
            root,
            info,
            id,
        })
    }

    fn object(&self, id: usize) -> Result<&Obj<'a>, Galat> {
        self.objects
            .binary_search_by_key(&id, |o| o.id)
            .map(|k| &self.objects[k])
            .map_err(|_| format!("objek {id} tidak ada di PDF"))
    }
}

/// The page labels' number tree: i, ii … from the first page, then 1, 2 …
/// from page `front` (0-based).
fn labels(front: usize) -> Vec<u8> {
    match front {
        0 => b"<</Nums[0<</S/D>>]>>".to_vec(),
        _ => format!("<</Nums[0<</S/r>>{front}<</S/D>>]>>").into_bytes(),
    }
}

/// An object stream of `objects`, compressed, as the body of its object.
fn object_stream(objects: &[&Obj<'_>], body_of: &(dyn Fn(&Obj<'_>) -> Vec<u8> + Sync)) -> Vec<u8> {
    let mut head = String::new();
    let mut data = Vec::new();
    for o in objects {
        head.push_str(&format!("{} {} ", o.id, data.len()));
        data.extend_from_slice(&body_of(o));
        data.push(b'\n');
    }
    let first = head.len();
    let mut raw = head.into_bytes();
    raw.extend_from_slice(&data);
    let z = deflate(&raw, 6).unwrap_or_default();
    let mut out = format!(
        "<</Type/ObjStm/N {}/First {first}/Filter/FlateDecode/Length {}>>stream\n",
        objects.len(),
        z.len()
    )
    .into_bytes();
    out.extend_from_slice(&z);
    out.extend_from_slice(b"\nendstream");
    out
}

/// PNG predictor 2 ("up") over rows of `columns` bytes: each row as its
/// difference from the row above, which makes a cross-reference stream's
/// slowly growing offsets compress to almost nothing.
fn up_predictor(data: &[u8], columns: usize) -> Vec<u8> {
    let mut rows = Vec::with_capacity(data.len() + data.len() / columns);
    let mut above = vec![0u8; columns];
    for row in data.chunks(columns) {
        rows.push(2);
        rows.extend(row.iter().zip(&above).map(|(b, a)| b.wrapping_sub(*a)));
        above[..row.len()].copy_from_slice(row);
    }
    rows
}

fn deflate(data: &[u8], level: u32) -> Result<Vec<u8>, Galat> {
    let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::new(level));
    z.write_all(data).map_err(|e| e.to_string())?;
    z.finish().map_err(|e| e.to_string())
}

/// The object number of the reference `N 0 R` right after `key`.
fn reference_after(dict: &[u8], key: &[u8]) -> Option<usize> {
    let rest = &dict[find(dict, key)? + key.len()..];
    // Not a longer key that starts the same (`/Root` in `/Rooted`).
    if rest.first().is_some_and(|b| b.is_ascii_alphanumeric()) {
        return None;
    }
    let (id, rest) = split_number(rest)?;
    let (generation, rest) = split_number(rest)?;
    (generation == 0 && rest.trim_ascii_start().starts_with(b"R")).then_some(id)
}

/// The decimal number at the start of `s` (after white space) and what
/// follows it.
fn split_number(s: &[u8]) -> Option<(usize, &[u8])> {
    let s = s.trim_ascii_start();
    let digits = s.iter().take_while(|b| b.is_ascii_digit()).count();
    let n = std::str::from_utf8(&s[..digits]).ok()?.parse().ok()?;
    Some((n, &s[digits..]))
}

/// The decimal number at the start of `s`, after any white space.
fn number(s: &[u8]) -> Option<usize> {
    split_number(s).map(|(n, _)| n)
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

    /// A PDF shaped as Typst writes one: a classic cross-reference table,
    /// a catalog with or without page labels, two pages, a stream.
    fn typst_like(labels: bool) -> Vec<u8> {
        let objects = [
            "<</Type/Pages/Kids[2 0 R 3 0 R]/Count 2>>".to_string(),
            "<</Type/Page/Parent 1 0 R/Contents 4 0 R>>".to_string(),
            // Text that reads like a page's dictionary counts for nothing.
            "<</Type/Page/Parent 1 0 R/Contents 4 0 R/T(/Type/Page /Count 9)>>".to_string(),
            "<</Length 5>>\nstream\nq Q  \nendstream".to_string(),
            "<</Nums[0<</S/D>>]>>".to_string(),
            format!(
                "<</Type/Catalog/Pages 1 0 R{}>>",
                if labels { "/PageLabels 5 0 R" } else { "" }
            ),
        ];
        let mut out = b"%PDF-1.7\n%\x80\x80\x80\x80\n\n".to_vec();
        let mut at = Vec::new();
        for (k, o) in objects.iter().enumerate() {
            at.push(out.len());
            out.extend_from_slice(format!("{} 0 obj\n{o}\nendobj\n", k + 1).as_bytes());
        }
        let xref = out.len();
        out.extend_from_slice(b"xref\n0 7\n0000000000 65535 f\r\n");
        for a in at {
            out.extend_from_slice(format!("{a:010} 00000 n\r\n").as_bytes());
        }
        out.extend_from_slice(
            format!("trailer\n<</Size 7/Root 6 0 R/ID[(a)(b)]>>\nstartxref\n{xref}\n%%EOF")
                .as_bytes(),
        );
        out
    }

    #[test]
    fn objects_are_packed_and_the_labels_set() {
        for own in [true, false] {
            let packed = pack(&typst_like(own), 2, 1).unwrap();
            let doc = lopdf::Document::load_mem(&packed).unwrap();
            assert_eq!(doc.get_pages().len(), 2);
            let text = String::from_utf8_lossy(&packed);
            // Only the stream, the object stream and the xref stream
            // stand on their own.
            assert_eq!(text.matches(" 0 obj").count(), 3, "{text}");
            assert_eq!(
                crate::pdf::labels::read(&packed),
                vec![(0, "r".to_string(), 1), (1, "D".to_string(), 1)]
            );
            assert!(text.contains("/ID[(a)(b)]"));
        }
    }

    #[test]
    fn a_file_of_another_shape_is_refused_in_indonesian() {
        let e = pack(b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\n", 1, 0).unwrap_err();
        assert_eq!(
            e,
            "PDF dari Typst tidak berbentuk seperti biasanya (startxref)"
        );
        let e = pack(&typst_like(true), 3, 0).unwrap_err();
        assert_eq!(e, "PDF berisi 2 halaman, seharusnya 3");
    }
}
