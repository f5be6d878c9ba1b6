//! The page plan: where each flowchart table breaks across pages, decided
//! by bukusop from measured row heights instead of left to the layout, so
//! that every arrow cut by a page break gets its connector pair and a page
//! never carries a lone row or two.
//!
//! A first layout measures each row (labels at the top and bottom of its
//! "No" cell) and where each table starts. The plan then fills one page
//! after the other with as many rows as fit, each page judged with the room
//! its rows need for the connectors of exactly the arrows that leave or
//! enter it. A last page with fewer than 3 rows takes rows from the page
//! before. The layout that follows prints each part as a table of its own,
//! header repeated, one part a page.

use std::collections::BTreeSet;

use crate::flow::Flow;

/// How far short of a page's end the plan stops filling it, in mm.
const AMAN: f64 = 0.4;

/// A row as measured: page (1-based) and its top and bottom, in
/// millimetres from the page's top.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Baris {
    pub page: usize,
    pub atas: f64,
    pub bawah: f64,
}

impl Baris {
    pub fn tinggi(&self) -> f64 {
        self.bawah - self.atas
    }
}

/// Where a page's content may go: from `atas` to `bawah` millimetres from
/// the top.
#[derive(Debug, Clone, Copy)]
pub struct Bidang {
    pub atas: f64,
    pub bawah: f64,
}

/// One table as the plan sees it.
pub struct Tabel<'a> {
    pub flow: &'a Flow,
    /// The height of each row for a set of broken arrows (by edge index).
    pub tinggi: &'a dyn Fn(&BTreeSet<usize>) -> Vec<f64>,
    /// The height of the table's header (repeated on every part).
    pub kepala: f64,
    /// Where its first row could start: the y below its header on the
    /// page the table starts on.
    pub mulai: f64,
    pub bidang: Bidang,
}

/// The plan of one table: the first row of each part (the first part
/// starts at row 0; a first part left empty because the page is full is
/// no part) and the arrows the breaks cut.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct RencanaTabel {
    pub potongan: Vec<usize>,
    pub putus: BTreeSet<usize>,
    /// Whether the table moves to a new page before its first row.
    pub pindah: bool,
}

/// How far below the page's `bawah` the table ends, for the next table.
#[derive(Debug, Clone, Copy)]
pub struct Akhir {
    /// Pages the table's parts take beyond the one it starts on.
    pub halaman: usize,
    /// Where its last row ends.
    pub y: f64,
}

/// Plans one table; also says where it ends.
pub fn rencanakan(t: &Tabel) -> (RencanaTabel, Akhir) {
    let n = t.flow.symbols.len();
    let mut limit: Vec<usize> = Vec::new();
    let (parts, pindah, akhir) = loop {
        let filled = fill(t, &limit);
        // A last page with fewer than 3 rows takes rows from the one
        // before, once.
        match orphan_limit(&filled.0, n) {
            Some(l) if !limit.contains(&l) => limit.push(l),
            _ => break filled,
        }
    };
    (
        RencanaTabel {
            potongan: parts.iter().map(|p| p.start).collect(),
            putus: cut(t.flow, &parts),
            pindah,
        },
        akhir,
    )
}

/// What [`fill`] gives: the parts, whether the table moves to a new page
/// first, and where it ends.
type Terisi = (Vec<Part>, bool, Akhir);

/// One part: rows `start..end`.
#[derive(Debug, Clone, Copy)]
struct Part {
    start: usize,
    end: usize,
}

/// Fills pages one after the other, each with as many rows as fit. The
/// rows of a part need the room of exactly the arrows with one end in the
/// part (those are cut, whatever the other breaks), so a part is judged
/// with the heights those arrows give: the plan never counts a connector
/// it will not print. `limit` holds rows a part must end before.
fn fill(t: &Tabel, limit: &[usize]) -> Terisi {
    let b = t.bidang;
    let n = t.flow.symbols.len();
    let plain = (t.tinggi)(&BTreeSet::new());
    let mut parts: Vec<Part> = Vec::new();
    let mut y = t.mulai;
    let mut start = 0;
    let mut pindah = false;
    let mut pages = 0;
    while start < n {
        // A little short of the page's end: the measures are rounded and
        // the rules drawn over the rows' edges.
        let room = b.bawah - AMAN - y;
        let stop = limit
            .iter()
            .copied()
            .filter(|&l| l > start)
            .min()
            .unwrap_or(n);
        // Connectors only add room: no more rows fit than without them.
        let mut end = start;
        let mut sum = 0.0;
        while end < stop && sum + plain[end] <= room {
            sum += plain[end];
            end += 1;
        }
        let mut taken = None;
        while end > start {
            let h = (t.tinggi)(&touching(t.flow, start, end));
            let used: f64 = h[start..end].iter().sum();
            if used <= room {
                taken = Some((end, used));
                break;
            }
            end -= 1;
        }
        // A lone first row under the header, the rest overleaf, reads
        // worse than the table starting on the next page.
        let low = start == 0 && parts.is_empty() && !pindah && y > b.atas + t.kepala;
        if low && n > 1 && taken.is_some_and(|(end, _)| end == 1) {
            taken = None;
        }
        match taken {
            Some((end, used)) => {
                parts.push(Part { start, end });
                start = end;
                y += used;
            }
            // Not even the first row fits (or only it) under the header
            // where the table starts: the table starts on the next page.
            None if low => {
                pindah = true;
                pages += 1;
                y = b.atas + t.kepala;
                continue;
            }
            // A row taller than a whole page: alone on its page (the
            // build reports it).
            None => {
                let h = (t.tinggi)(&touching(t.flow, start, start + 1));
                parts.push(Part {
                    start,
                    end: start + 1,
                });
                y += h[start];
                start += 1;
            }
        }
        if start < n {
            pages += 1;
            y = b.atas + t.kepala;
        }
    }
    if parts.is_empty() {
        parts.push(Part { start: 0, end: n });
    }
    (parts, pindah, Akhir { halaman: pages, y })
}

/// The arrows with exactly one end in rows `start..end`.
fn touching(flow: &Flow, start: usize, end: usize) -> BTreeSet<usize> {
    let inside = |r: usize| (start..end).contains(&r);
    flow.edges
        .iter()
        .enumerate()
        .filter(|(_, e)| inside(e.from) != inside(e.to))
        .map(|(i, _)| i)
        .collect()
}

/// The arrows whose ends lie in different parts.
fn cut(flow: &Flow, parts: &[Part]) -> BTreeSet<usize> {
    let part = |row: usize| parts.iter().position(|p| p.start <= row && row < p.end);
    flow.edges
        .iter()
        .enumerate()
        .filter(|(_, e)| part(e.from) != part(e.to))
        .map(|(i, _)| i)
        .collect()
}

/// Where the part before a too-short last part must end so the last gets
/// 3 rows (or all but one of the rows, for a short table), if the part
/// before can spare them.
fn orphan_limit(parts: &[Part], n: usize) -> Option<usize> {
    let [.., before, last] = parts else {
        return None;
    };
    let want = 3.min(n.saturating_sub(1)).max(1);
    let len = last.end - last.start;
    if len >= want {
        return None;
    }
    let keep = if parts.len() == 2 { 1 } else { 3 };
    let spare = (before.end - before.start).saturating_sub(keep);
    let take = (want - len).min(spare);
    (take > 0).then(|| last.start - take)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::flow::build;
    use crate::flow::testing::node;

    fn flow(n: usize) -> Flow {
        build(&vec![node(&[0]); n], 1).unwrap()
    }

    /// A table on pages with room from 10 to 120 mm under a 10 mm header,
    /// its first row at `mulai`.
    fn tabel<'a>(
        flow: &'a Flow,
        tinggi: &'a dyn Fn(&BTreeSet<usize>) -> Vec<f64>,
        mulai: f64,
    ) -> Tabel<'a> {
        Tabel {
            flow,
            tinggi,
            kepala: 10.0,
            mulai,
            bidang: Bidang {
                atas: 10.0,
                bawah: 120.0,
            },
        }
    }

    #[test]
    fn rows_fill_pages_and_the_last_page_gets_three() {
        let f = flow(12);
        // 10 rows of 10 mm fit under the header on a page, 100 mm of rows.
        let tinggi = |_: &BTreeSet<usize>| vec![10.0; 12];
        let t = tabel(&f, &tinggi, 20.0);
        let (r, akhir) = rencanakan(&t);
        // 10 rows, then 2: rebalanced to 9 and 3.
        assert_eq!(r.potongan, vec![0, 9]);
        assert_eq!(r.putus, BTreeSet::from([8]));
        assert_eq!(akhir.halaman, 1);
        assert!(!r.pindah);
    }

    #[test]
    fn connector_room_moves_a_break_and_the_plan_settles() {
        let f = flow(12);
        // A broken arrow adds 5 mm to both of its rows.
        let tinggi = |putus: &BTreeSet<usize>| {
            let mut h = vec![10.0; 12];
            for &e in putus {
                h[e] += 5.0;
                h[e + 1] += 5.0;
            }
            h
        };
        let t = tabel(&f, &tinggi, 20.0);
        let (r, _) = rencanakan(&t);
        // Every part fits with the rooms of exactly the arrows it cuts.
        let h = tinggi(&r.putus);
        let ends: Vec<usize> = r.potongan[1..].iter().copied().chain([12]).collect();
        let mut y = t.mulai;
        for (k, (&a, &b)) in r.potongan.iter().zip(&ends).enumerate() {
            if k > 0 {
                y = t.bidang.atas + t.kepala;
            }
            y += h[a..b].iter().sum::<f64>();
            assert!(y <= t.bidang.bawah + 0.01, "part {k} overflows: {y}");
        }
        let cut: BTreeSet<usize> = r.potongan[1..].iter().map(|s| s - 1).collect();
        assert_eq!(r.putus, cut);
        assert!(ends.last().unwrap() - r.potongan.last().unwrap() >= 3);
    }

    #[test]
    fn a_lone_first_row_moves_the_table_overleaf() {
        let f = flow(5);
        let tinggi = |_: &BTreeSet<usize>| vec![10.0; 5];
        // 15 mm left under the header: room for one row only.
        let t = tabel(&f, &tinggi, 105.0);
        let (r, akhir) = rencanakan(&t);
        assert!(r.pindah);
        assert_eq!(r.potongan, vec![0]);
        assert!(r.putus.is_empty());
        assert_eq!(akhir.halaman, 1);
    }
}
