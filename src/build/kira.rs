//! The page plan guessed before any layout. Laying an SOP out to measure
//! it, then again under the plan made from that measure (its connectors
//! drawn, or set tighter), cost every long SOP twice the layout Typst
//! itself needs. Here the rows, the column heads and the information
//! block are measured in Rust instead, with the widths of the words in
//! the bundled font and Typst's way of breaking lines (greedy, at spaces
//! and after hyphens and slashes), and what stands above the information
//! block once, from a small layout of one SOP's header (`contoh`). The
//! first layout then lays out each SOP the guess is sure of as it will
//! be printed; the plan made from that layout checks the guess: an SOP
//! on other pages than guessed is measured again as laid out naturally
//! ([`Kira::drop_wrong`]), one broken elsewhere is laid out again under
//! the plan made from its layout.

use std::collections::{BTreeMap, BTreeSet};

use super::halaman::Baris;
use super::passes::{Lajur, Parts, Rencana, plan, route_all};
use super::rapat::{self, between_margins, height, inner, lebar_kolom, row_lines};
use super::ukur::{Putus, UkurTabel, Ukuran};
use crate::kontrak::{self, mm};
use crate::typeset::HurufTeks;
use crate::view::{self, Dokumen, SopView, TabelView, View};
use crate::{render, typeset};

/// How far the guessed plan must hold, in millimetres, with everything
/// on the page standing this much higher or lower: the heights it rests
/// on matched Typst's within 0.1 mm on each of the 2,196 rows of
/// `content`, `examples/pn-tais`, `examples/pn-bangil`, `tests/alur` and
/// 3 of the 10 corpus batches. Whether an SOP is set tighter is not
/// checked after (its natural layout is never made): a guess off by more
/// would set it tighter for nothing, or not save its page.
const SELISIH: f64 = 0.3;

/// An SOP whose last row ends this far above the page's end, in
/// millimetres, surely fits on its page: more than the guess could be
/// off, and the room a plan keeps.
const LONGGAR: f64 = 3.0;

/// The size of the lane names in the column heads, in points
/// (`kolom_bagan.typ.j2`); and of the column numbers under them, with
/// their cells' vertical inset in millimetres.
const PT_PELAKSANA: f64 = 7.0;
const PT_NOMOR_KOLOM: f64 = 6.5;
const SISIP_NOMOR_KOLOM: f64 = 0.8;

/// A plan guessed before any layout: for the SOPs of `pasti`, how they
/// will be printed (set tighter or not, their breaks) and on how many
/// pages; the others are measured first, as laid out naturally.
#[derive(Debug, Default)]
pub(super) struct Kira {
    pub rencana: Rencana,
    pub pasti: BTreeMap<usize, usize>,
}

impl Kira {
    /// The SOPs guessed for sure.
    pub fn sure(&self, sop: &usize) -> bool {
        self.pasti.contains_key(sop)
    }

    /// The SOPs of `pages` (by SOP, as the plan of their layout under this
    /// guess gives them) whose pages are not the guessed ones: the
    /// heights the guess rests on were wrong for them, whether they are
    /// set tighter is not sure. Their guess is dropped: they are laid out
    /// naturally, to be measured.
    pub fn drop_wrong(&mut self, pages: &BTreeMap<usize, usize>) -> BTreeSet<usize> {
        let wrong: BTreeSet<usize> = (self.pasti.iter())
            .filter(|(i, n)| pages.get(i).is_some_and(|p| p != *n))
            .map(|(i, _)| *i)
            .collect();
        self.rencana.retain_tables(|(s, _)| !wrong.contains(s));
        self.rencana.rapat.retain(|s| !wrong.contains(s));
        self.pasti.retain(|i, _| !wrong.contains(i));
        wrong
    }
}

/// The guess for the booklet of `parts`, when its templates are the
/// bundled ones (the measures know their sizes) and its SOPs are laid out
/// in parts; otherwise none.
pub(super) fn perkirakan(parts: &Parts) -> Option<Kira> {
    let p = parts.prepared;
    let huruf = parts
        .teks_bawaan(&[
            render::MAIN,
            "sop.typ.j2",
            "informasi.typ.j2",
            "kolom_bagan.typ.j2",
            "sel_bagan.typ.j2",
            kontrak::PUSTAKA_TEMPLAT,
        ])
        .filter(|_| super::gabung::bisa(&p.resources.templates))?;
    let (c, checked) = (&p.content, &p.checked);
    let (routes, _) = route_all(parts, None, &Putus::new(), &Lajur::new());
    let none = BTreeMap::new();
    let print = |rapat: &BTreeSet<usize>| {
        let cetak = view::Cetak {
            potongan: &none,
            pindah: &BTreeSet::new(),
            rapat,
        };
        view::build(c, checked, &routes, &cetak)
    };
    let all: BTreeSet<usize> = (0..checked.sops.len()).collect();
    let (natural, tight) = (print(&BTreeSet::new()), print(&all));
    // One SOP's header, laid out, tells where the information block
    // starts and how far below it the table does; the others whose
    // header takes as many lines stand the same. It is laid out while the
    // rest is measured.
    let lines = |s: &SopView| judul_lines(&natural, s, huruf);
    let sample = (natural.sops.iter()).find(|s| simple(s, huruf) && lines(s) != usize::MAX)?;
    let sample_lines = lines(sample);
    let sure: BTreeSet<usize> = (natural.sops.iter())
        .filter(|s| simple(s, huruf) && lines(s) == sample_lines)
        .map(|s| s.urut - 1)
        .collect();
    let (at, heights) = std::thread::scope(|scope| {
        let at = scope.spawn(|| contoh(parts, &natural, sample, huruf));
        let heights = [&natural, &tight].map(|v| Tinggi::of(v, &sure, huruf));
        (at.join().ok().flatten(), heights)
    });
    let (info_y, gap) = at?;
    // Below the information block, 1.2 em of its text.
    let gap_tight = gap - 1.2 * (mm(sample.ukuran_teks) - mm(tight_of(&tight, sample).ukuran_teks));
    let page_h = match natural.kertas.lanskap {
        true => natural.kertas.lebar,
        false => natural.kertas.tinggi,
    };
    let [natural, tight] = heights;
    let page = |t: &Tinggi, gap: f64, shift: f64, sops: &BTreeSet<usize>| {
        t.ukuran(info_y + gap + shift, info_y, page_h, sops)
    };
    // An SOP that ends well above the page's end is printed as it is,
    // with no plan to make; plans are made for the others.
    let end = page_h - kontrak::TEPI_BAWAH - LONGGAR;
    let short: BTreeSet<usize> = (page(&natural, gap, 0.0, &sure).tabel.iter())
        .filter(|(_, t)| t.rows.last().is_some_and(|r| r.bawah < end))
        .map(|(k, _)| k.0)
        .collect();
    let long: BTreeSet<usize> = sure.difference(&short).copied().collect();
    let planned = |t: &Tinggi, gap: f64, rapat: &BTreeSet<usize>| {
        [-SELISIH, 0.0, SELISIH].map(|shift| {
            let u = page(t, gap, shift, &long);
            plan(parts, &u, &u, rapat, &Lajur::new())
        })
    };
    let (n, t) = std::thread::scope(|scope| {
        let t = scope.spawn(|| planned(&tight, gap_tight, &long));
        let n = planned(&natural, gap, &BTreeSet::new());
        (n, t.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
    });
    let mut kira = Kira {
        pasti: short.iter().map(|i| (*i, 1)).collect(),
        ..Kira::default()
    };
    for &i in &long {
        let pages = |p: &(Rencana, BTreeMap<usize, usize>)| p.1.get(&i).copied().unwrap_or(1);
        let holds = |p: &[(Rencana, BTreeMap<usize, usize>); 3]| {
            p.iter().all(|x| sop_plan(&x.0, i) == sop_plan(&p[1].0, i))
        };
        // Set tighter only where that saves a page for sure; naturally
        // where it surely does not; the plan itself must hold either way.
        let chosen = if pages(&t[2]) < pages(&n[0]) {
            Some((&t, true))
        } else if pages(&t[0]) >= pages(&n[2]) {
            Some((&n, false))
        } else {
            None
        };
        let Some((plans, rapat)) = chosen.filter(|(p, _)| holds(p)) else {
            continue;
        };
        let (putus, potongan, pindah) = sop_plan(&plans[1].0, i);
        kira.rencana.putus.extend(putus);
        kira.rencana.potongan.extend(potongan);
        kira.rencana.pindah.extend(pindah);
        if rapat {
            kira.rencana.rapat.insert(i);
        }
        kira.pasti.insert(i, pages(&plans[1]));
    }
    Some(kira)
}

/// The heights the guess rests on, of the SOPs it is sure of, as one view
/// prints them (naturally or tighter), in millimetres.
struct Tinggi {
    /// By SOP (0-based): its information block, its column heads, its
    /// rows.
    sop: BTreeMap<usize, (f64, f64, Vec<f64>)>,
}

impl Tinggi {
    fn of(view: &View, sops: &BTreeSet<usize>, huruf: &HurufTeks) -> Tinggi {
        let sop = (view.sops.iter())
            .filter(|s| sops.contains(&(s.urut - 1)))
            .map(|s| {
                let t = &s.tabel[0];
                let h = (
                    informasi(view, s, huruf),
                    kepala(view, t, huruf),
                    rows(view, t, huruf),
                );
                (s.urut - 1, h)
            })
            .collect();
        Tinggi { sop }
    }

    /// The SOPs `sops` as measured on their first page, everything on
    /// it, the rows run on past its end: the information block starts at
    /// `info_y`, the table `below` that block's height under it.
    fn ukuran(&self, below: f64, info_y: f64, page_h: f64, sops: &BTreeSet<usize>) -> Ukuran {
        let mut u = Ukuran::default();
        for (&i, (info, kepala, rows)) in self.sop.iter().filter(|(i, _)| sops.contains(i)) {
            let start = below + info;
            let mut y = start + kepala;
            let rows = rows
                .iter()
                .map(|h| {
                    y += h;
                    Baris {
                        page: 1,
                        atas: y - h,
                        bawah: y,
                    }
                })
                .collect();
            u.tabel.insert(
                (i, 0),
                UkurTabel {
                    rows,
                    start: (1, start),
                    informasi: Some((1, info_y)),
                    page_h,
                    terlalu_tinggi: Vec::new(),
                },
            );
        }
        u
    }
}

/// What plan `r` prints of SOP `i`: the arrows it cuts, where its tables
/// break, and which of them start on a new page.
type SopPlan = (
    Putus,
    Vec<((usize, usize), Vec<usize>)>,
    Vec<(usize, usize)>,
);

fn sop_plan(r: &Rencana, i: usize) -> SopPlan {
    (
        r.putus.iter().filter(|(s, ..)| *s == i).copied().collect(),
        r.potongan
            .iter()
            .filter(|(k, _)| k.0 == i)
            .map(|(k, v)| (*k, v.clone()))
            .collect(),
        r.pindah.iter().filter(|k| k.0 == i).copied().collect(),
    )
}

/// SOP `s` of the view `tight` (every SOP set tighter).
fn tight_of<'a>(tight: &'a View, s: &'a SopView) -> &'a SopView {
    tight.sops.iter().find(|t| t.urut == s.urut).unwrap_or(s)
}

/// Whether the guess knows how `s` stands: one table without a title of
/// its own, and particulars (number, dates) that fit on one line.
fn simple(s: &SopView, huruf: &HurufTeks) -> bool {
    let short = |x: &str| huruf.lebar_em(x) * mm(s.ukuran_teks) < 50.0;
    s.tabel.len() == 1
        && s.tabel[0].huruf.is_none()
        && [&s.nomor, &s.tgl_pembuatan, &s.tgl_revisi, &s.tgl_efektif]
            .iter()
            .all(|x| short(x))
}

/// The lines of the SOP's title in its header (10 pt bold, as wide as the
/// page between its margins, or a little less); `usize::MAX` when the
/// title comes close to needing a line more, which the header's insets
/// decide.
fn judul_lines(view: &View, s: &SopView, huruf: &HurufTeks) -> usize {
    let bold = |x: &str| huruf.lebar_em_tebal(x);
    let width = between_margins(view);
    let wide = lines_by(&bold, &s.judul, width, 10.0);
    let narrow = lines_by(&bold, &s.judul, width - 10.0, 10.0);
    match wide == narrow {
        true => wide,
        false => usize::MAX,
    }
}

/// Where `s`'s information block starts on its first page, and how far
/// below the block its table starts, in millimetres: from a layout of its
/// header over an information block with every part empty, and a table
/// of no rows.
fn contoh(parts: &Parts, view: &View, s: &SopView, huruf: &HurufTeks) -> Option<(f64, f64)> {
    let mut sop = s.clone();
    for list in [
        &mut sop.dasar_hukum,
        &mut sop.keterkaitan,
        &mut sop.kualifikasi,
        &mut sop.peralatan,
        &mut sop.pencatatan,
        &mut sop.keterangan,
    ] {
        list.clear();
    }
    sop.peringatan = None;
    sop.tabel[0].langkah.clear();
    let block = informasi(view, &sop, huruf);
    let one = View {
        sops: vec![sop],
        dokumen: Dokumen {
            depan: false,
            kaki: false,
            ..Dokumen::default()
        },
        ..view.clone()
    };
    let markup = render::render(&parts.prepared.resources.templates, &one).ok()?;
    let doc = parts
        .ts
        .compile_part(kontrak::CONTOH, markup, parts.files)
        .ok()?;
    let at = typeset::label_positions(
        &doc,
        &[s.jangkar_informasi.clone(), s.tabel[0].jangkar.clone()],
    );
    match (at[0], at[1]) {
        (Some((1, info)), Some((1, start))) => Some((info, start - info - block)),
        _ => None,
    }
}

/// The height of each row of `t` as Typst sets it, in millimetres: its
/// tallest text cell, or its symbol with the room its drawing needs.
fn rows(view: &View, t: &TabelView, huruf: &HurufTeks) -> Vec<f64> {
    let pt = t.ukuran_teks;
    let lines = |text: &str, width: f64| lines_by(&|x| huruf.lebar_em(x), text, width, pt);
    // A list of several items sets its items beside a dash and 0.4 em.
    let dash = mm(pt) * (huruf.lebar_em("-") + 0.4);
    row_lines(view, t, &lines, dash)
        .into_iter()
        .zip(&t.langkah)
        .map(|(most, row)| {
            let text = height(huruf, most, pt) + 2.0 * t.sisip_y;
            let drawn = row.lanes.iter().any(|l| l.simbol.is_some());
            let symbol = view.alur.tinggi_simbol + row.ruang_atas + row.ruang_bawah;
            if drawn { text.max(symbol) } else { text }
        })
        .collect()
}

/// The height of `t`'s column heads (`kolom_bagan.typ.j2`): a row of
/// group heads, a row of lane names (7 pt bold) and Mutu Baku columns,
/// and the row of column numbers.
fn kepala(view: &View, t: &TabelView, huruf: &HurufTeks) -> f64 {
    let (_, widths) = lebar_kolom(view, t);
    let pt = t.ukuran_teks;
    let bold = |x: &str| huruf.lebar_em_tebal(x);
    let cell = |lines: usize, pt: f64| height(huruf, lines.max(1), pt) + 2.0 * t.sisip_y;
    let mut names = cell(1, pt);
    for p in &t.pelaksana {
        let n = lines_by(&bold, p, inner(t.lebar_lajur), PT_PELAKSANA);
        names = names.max(cell(n, PT_PELAKSANA));
    }
    // Mutu Baku's columns are named in this row; the others span both.
    let columns = (t.kelompok.iter()).flat_map(|g| g.kolom.iter().map(move |k| (g.mutu_baku, k)));
    for ((_, k), &w) in columns
        .zip(&widths)
        .filter(|((mutu_baku, _), _)| *mutu_baku)
    {
        names = names.max(cell(lines_by(&bold, &k.judul, w, pt), pt));
    }
    let numbers = height(huruf, 1, PT_NOMOR_KOLOM) + 2.0 * SISIP_NOMOR_KOLOM;
    cell(1, pt) + names + numbers
}

/// The height of `s`'s information block as Typst sets it, in
/// millimetres: numbered lists of several items.
fn informasi(view: &View, s: &SopView, huruf: &HurufTeks) -> f64 {
    let pt = s.ukuran_teks;
    let lines = |text: &str, width: f64| lines_by(&|x| huruf.lebar_em(x), text, width, pt);
    // Numbers as wide as the widest, and 0.4 em.
    let number = |items: usize| {
        let widest = (1..=items)
            .map(|n| huruf.lebar_em(&format!("{n}.")))
            .fold(0.0, f64::max);
        mm(pt) * (widest + 0.4)
    };
    rapat::informasi(view, s, huruf, pt, s.sisip_y, &lines, Some(&number))
}

/// The lines `text` takes set at `pt` points in a column `width`
/// millimetres wide, its words' widths (in ems) by `lebar`, broken as
/// Typst breaks a paragraph that is not justified: each line takes the
/// words that fit, breaking at spaces, after a hyphen, and after a slash
/// not followed by a digit; a word wider than the column stands alone.
/// Each line of the text is a paragraph; an empty text takes none.
pub(super) fn lines_by(lebar: &dyn Fn(&str) -> f64, text: &str, width: f64, pt: f64) -> usize {
    if text.trim().is_empty() {
        return 0;
    }
    let em = mm(pt);
    text.split('\n')
        .map(|para| {
            let (mut lines, mut line) = (1, 0.0);
            for word in words(para) {
                let fits = lebar(word.trim_end()) * em;
                if line > 0.0 && line + fits > width + 1e-6 {
                    lines += 1;
                    line = 0.0;
                }
                line += lebar(word) * em;
            }
            lines
        })
        .sum()
}

/// `para` cut where a line may break, each piece with the spaces after it.
fn words(para: &str) -> Vec<&str> {
    let b = para.as_bytes();
    let mut out = Vec::new();
    let mut start = 0;
    for i in 0..b.len() {
        let after = b.get(i + 1);
        let breaks = match b[i] {
            b' ' => true,
            b'-' => true,
            b'/' => after.is_some_and(|c| !c.is_ascii_digit() && *c != b' '),
            _ => false,
        };
        if breaks && after != Some(&b' ') {
            out.push(&para[start..=i]);
            start = i + 1;
        }
    }
    if start < para.len() {
        out.push(&para[start..]);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every character one em wide.
    fn em(s: &str) -> f64 {
        s.chars().count() as f64
    }

    #[test]
    fn a_line_breaks_at_spaces_after_hyphens_and_after_slashes_before_words() {
        assert_eq!(words("Kasubbag Umum"), ["Kasubbag ", "Umum"]);
        assert_eq!(words("dua  spasi"), ["dua  ", "spasi"]);
        assert_eq!(words("surat-menyurat"), ["surat-", "menyurat"]);
        assert_eq!(words("Panitera/Sekretaris"), ["Panitera/", "Sekretaris"]);
        // Not before a digit (a number such as 1/KPN/2024), nor a space.
        assert_eq!(words("1/2024"), ["1/2024"]);
        assert_eq!(words("a / b"), ["a ", "/ ", "b"]);
    }

    #[test]
    fn each_line_takes_the_words_that_fit_and_a_long_word_stands_alone() {
        let mm_per_em = mm(10.0);
        let width = |ems: f64| ems * mm_per_em;
        assert_eq!(lines_by(&em, "", width(5.0), 10.0), 0);
        assert_eq!(lines_by(&em, "  ", width(5.0), 10.0), 0);
        // "aa bb" is five ems: it fits five, not four.
        assert_eq!(lines_by(&em, "aa bb", width(5.0), 10.0), 1);
        assert_eq!(lines_by(&em, "aa bb", width(4.0), 10.0), 2);
        // A trailing space does not count where the line breaks.
        assert_eq!(lines_by(&em, "aa bb cc", width(5.0), 10.0), 2);
        // A word wider than the column takes a line of its own.
        assert_eq!(lines_by(&em, "a panjangsekali b", width(4.0), 10.0), 3);
        // Each line of the text is a paragraph of its own.
        assert_eq!(lines_by(&em, "aa\nbb", width(5.0), 10.0), 2);
    }
}
