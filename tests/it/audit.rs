//! The layout audit over every booklet the project ships and over a
//! corpus of generated flows: each kind of drawing defect counted on the
//! laid-out pages (see `bukusop::audit`), and crossings reported.
//!
//! Print every defect and warning with
//!
//!     AUDIT_SEMUA=1 cargo test --release --test it audit:: -- --nocapture

use std::fmt::Write as _;
use std::path::Path;

use bukusop::audit::{Cacat, Laporan};
use bukusop::flow::{Lanjut, Node};

use crate::common::*;

/// The audit of the booklet of `folder`, its pages and the SOP layouts
/// its build made.
fn audit(folder: &Path, name: &str) -> (Laporan, usize, usize) {
    let out = build(folder);
    // SOPs laid out: once each where the plan guessed before any layout
    // held, twice where it did not (measured, then printed).
    let ditata = out.timings.sop_ditata;
    println!(
        "{name}: {} halaman, {ditata} SOP ditata; {}",
        out.pages, out.audit
    );
    if std::env::var_os("AUDIT_SEMUA").is_some() {
        for (c, page, w) in &out.audit.cacat {
            println!("    {page}: {}: {w}", c.nama());
        }
        for w in &out.warnings.0 {
            println!("    ! {}", w.headline());
        }
    }
    (out.audit, out.pages, ditata)
}

/// Every defect kind but those a booklet may still show, with its count.
fn defects(r: &Laporan, allowed: &[Cacat]) -> Vec<(Cacat, usize)> {
    r.hitungan()
        .into_iter()
        .filter(|(c, n)| *n > 0 && !allowed.contains(c))
        .collect()
}

#[test]
fn shipped_booklets_draw_cleanly() {
    let mut failures = Vec::new();
    for f in [
        "content",
        "examples/pn-tais",
        "examples/pn-bangil",
        "tests/alur",
    ] {
        let (r, ..) = audit(&root().join(f), f);
        let bad = defects(&r, &[]);
        if !bad.is_empty() {
            failures.push(format!("{f}: {bad:?}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// A tiny deterministic generator, so the corpus needs no crate.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((self.0 >> 33) % n.max(1) as u64) as usize
    }
}

/// A generated flow: its lanes, its steps and each decision's labels.
type Alur = (usize, Vec<Node>, Vec<Option<(String, String)>>);

/// One generated flow: lanes and steps, with the patterns that are hard to
/// draw mixed in.
fn flow(rng: &mut Lcg, k: usize) -> Alur {
    let lanes = 1 + rng.next(6);
    let n = 3 + rng.next(43);
    let mut nodes: Vec<Node> = (0..n)
        .map(|_| Node {
            lanes: vec![rng.next(lanes)],
            lanjut: Lanjut::Berikut,
            simbol: None,
            mulai: false,
        })
        .collect();
    let mut labels = vec![None; n];
    let pattern = k % 5;
    for i in 0..n.saturating_sub(1) {
        if lanes > 2 && rng.next(9) == 0 {
            // A shared step, across lanes that need not be neighbours.
            let a = rng.next(lanes);
            let b = (a + 1 + rng.next(lanes - 1)) % lanes;
            nodes[i].lanes = vec![a.min(b), a.max(b)];
        }
        let roll = rng.next(10);
        let decision = match pattern {
            // Decisions in a row that all loop to one step.
            0 => i >= 2 && i % 3 == 0,
            // Decisions leading to decisions.
            1 => roll < 4,
            _ => roll < 2,
        };
        if decision && i + 1 < n {
            let target = match pattern {
                0 => 0,
                _ => rng.next(n),
            };
            nodes[i].lanjut = Lanjut::Keputusan {
                ya: Some(i + 1),
                tidak: Some(target),
                label_ya: None,
                label_tidak: None,
            };
            if rng.next(3) == 0 {
                labels[i] = Some(("Berhasil".into(), "Tidak berhasil".into()));
            }
        } else if roll == 9 {
            nodes[i].lanjut = Lanjut::Ke(rng.next(n));
        }
    }
    (lanes, nodes, labels)
}

/// The YAML of one generated SOP, if its flow is one bukusop accepts.
fn sop_yaml(rng: &mut Lcg, k: usize) -> Option<String> {
    let (lanes, nodes, labels) = flow(rng, k);
    bukusop::flow::build(&nodes, lanes).ok()?;
    let mut y = format!("judul: ALUR UJI NOMOR {}\nrevisi: 0\npelaksana:\n", k + 1);
    for l in 0..lanes {
        let _ = writeln!(y, "  - Peran {}", l + 1);
    }
    y.push_str("langkah:\n");
    for (i, nd) in nodes.iter().enumerate() {
        let long = if rng.next(12) == 0 {
            " dengan uraian panjang yang memerlukan beberapa baris di dalam sel tabel".repeat(3)
        } else {
            String::new()
        };
        let _ = writeln!(y, "  - kegiatan: Langkah {} dari alur uji{long}", i + 1);
        let roles: Vec<String> = nd
            .lanes
            .iter()
            .map(|l| format!("Peran {}", l + 1))
            .collect();
        let _ = writeln!(y, "    pelaksana: [{}]", roles.join(", "));
        match &nd.lanjut {
            Lanjut::Keputusan { ya, tidak, .. } => {
                let named = labels[i]
                    .as_ref()
                    .map(|(a, b)| format!(", label_ya: {a}, label_tidak: {b}"))
                    .unwrap_or_default();
                let _ = writeln!(
                    y,
                    "    keputusan: {{ya: {}, tidak: {}{named}}}",
                    ya.unwrap() + 1,
                    tidak.unwrap() + 1
                );
            }
            Lanjut::Ke(t) => {
                let _ = writeln!(y, "    lanjut: {}", t + 1);
            }
            _ => {}
        }
    }
    Some(y)
}

/// Writes `count` generated SOPs (the `first`-th on) into a content
/// folder made from the small valid one of the broken-content tests.
fn corpus(rng: &mut Lcg, first: usize, count: usize) -> (tempfile::TempDir, usize) {
    let d = copy_content(&root().join("tests/rusak/dasar"));
    let sop = d.path().join("sop");
    std::fs::remove_dir_all(&sop).unwrap();
    std::fs::create_dir(&sop).unwrap();
    let mut k = first;
    let mut written = 0;
    while written < count {
        if let Some(y) = sop_yaml(rng, k) {
            std::fs::write(sop.join(format!("{:03}.yaml", written + 1)), y).unwrap();
            written += 1;
        }
        k += 1;
    }
    (d, k)
}

#[test]
fn five_hundred_generated_flows_draw_without_a_defect() {
    let mut rng = Lcg(2026);
    let mut total = Laporan::default();
    let mut k = 0;
    let (mut pages, mut ditata) = (0, 0);
    for batch in 0..10 {
        let (d, next) = corpus(&mut rng, k, 50);
        k = next;
        if let Some(keep) = std::env::var_os("AUDIT_SIMPAN") {
            // Keep the batch to look at: AUDIT_SIMPAN=/tmp/korpus.
            let to = Path::new(&keep).join(batch.to_string());
            let _ = std::fs::remove_dir_all(&to);
            copy_dir(d.path(), &to);
        }
        let (r, p, n) = audit(d.path(), &format!("korpus {batch}"));
        pages += p;
        ditata += n;
        total.persilangan += r.persilangan;
        total.cacat.extend(r.cacat);
    }
    println!("korpus: 500 alur, {pages} halaman, {ditata} SOP ditata; {total}");
    // The page plan guessed before any layout holds for most SOPs: the
    // 500 take 526 layouts; the others (several tables, a guess not sure,
    // or wrong) are measured first, then laid out again.
    assert!(ditata <= 526, "{ditata} SOP layouts for 500 SOPs");
    // Every defect zero. The last four went since a jump may pass a
    // connector in the rows its trunk keeps clear of it, may leave its
    // symbol's other side rather than run through a connector, and a label
    // may cost two crossings to find a clean place (labels 45 → 0 over
    // the stops, stacked lines 2 → 0, lines through a symbol 3 → 0).
    let bad = defects(&total, &[Cacat::LabelMendua]);
    assert!(bad.is_empty(), "{bad:?}\n{total}");
    // All but labels nearer another line than their own, counted since
    // stop 27: 101 where a label took any clean place when none read as
    // its own; 27 since such a label makes its table's lanes wider, then
    // its jump leave the symbol's other side or its channel move outwards
    // (17 if those could split a trunk, which draws two arrowheads on one
    // step); 26 since jumps count as sharing a trunk exactly when the
    // channels draw them as one (from the same side of the same step,
    // all from above or all from below); 9 since a label may tuck over a
    // decision's corner, judged by the diamond's outline rather than its
    // bounding box, and labels kept from a place only by labels placed
    // before them are placed first; 2 since the trunk a jump joins at a
    // dot counts as its own line from the dot on (in the audit: the router
    // keeps labels off the trunk where it can). The two left stand in
    // crowded rows, in lanes already at their widest.
    assert!(total.jumlah(Cacat::LabelMendua) <= 2, "{total}");
    // 167 before free jumps were moved to the side that crosses least; 81
    // before labels could cost a crossing (82), 81 since every choice of
    // sides is tried where lines still cross, 80 since a jump whose
    // connector another line ran into leaves its other side (the audit
    // counts a line along a connector's edge since: 5 were drawn); 86
    // since an entry beside an exit keeps 1.4 mm from it, labels keep
    // 1.5 mm apart, turns 1.2 mm above a row's rule and connectors 0.7 mm
    // from a lane's (the audit found 67, 40, 2,083 and 487 of those); 82
    // since a jump back up may take the side its step's downward arrow
    // turns to; 77 since tables with labels nearer another line than their
    // own get wider lanes; 76 since those labels' jumps share a trunk
    // exactly as the channels draw it; 72 since such a label may also sit
    // beside its line's run, away from the symbol (fewer tables widen
    // their lanes or turn a jump for it); 69 since labels tuck over a
    // diamond's corner (the audit counts labels one over the other since:
    // 7 were drawn).
    assert!(total.persilangan <= 69, "{total}");
}

#[test]
fn a_thousand_steps_over_twelve_lanes_settle_with_every_arrow_drawn() {
    let d = copy_content(&root().join("tests/rusak/dasar"));
    let sop = d.path().join("sop");
    std::fs::remove_dir_all(&sop).unwrap();
    std::fs::create_dir(&sop).unwrap();
    let mut rng = Lcg(12);
    let lanes = 12;
    let mut y = String::from("judul: ALUR SERIBU LANGKAH\nrevisi: 0\npelaksana:\n");
    for l in 0..lanes {
        let _ = writeln!(y, "  - Peran {}", l + 1);
    }
    y.push_str("langkah:\n");
    let n: usize = 1000;
    for i in 0..n {
        let _ = writeln!(
            y,
            "  - kegiatan: Langkah {}\n    pelaksana: Peran {}",
            i + 1,
            rng.next(lanes) + 1
        );
        if i + 1 < n && i % 7 == 3 {
            let back = i.saturating_sub(1 + rng.next(6));
            let _ = writeln!(y, "    keputusan: {{ya: {}, tidak: {}}}", i + 2, back + 1);
        }
    }
    std::fs::write(sop.join("01-seribu.yaml"), y).unwrap();
    let (r, pages, ditata) = audit(d.path(), "seribu langkah");
    // Its page plan, guessed before any layout, is the one printed.
    assert_eq!(ditata, 1, "the 1,000 steps laid out {ditata} times");
    assert!(pages > 50, "{pages} pages");
    assert_eq!(r.jumlah(Cacat::PanahHilang), 0, "{r}");
    assert_eq!(r.jumlah(Cacat::SisaBaris), 0, "{r}");
    // Every page filled: 68 pages (122 when the plan kept the room of
    // every arrow it ever cut).
    assert!(pages <= 70, "{pages} pages");
    assert_eq!(r.jumlah(Cacat::HalamanLonggar), 0, "{r}");
    // Every defect zero: lanes of 11 mm once left three decisions' labels
    // no room beside their vertices (23 before a jump squeezed against the
    // table's edge could leave its other side).
    let bad = defects(&r, &[]);
    assert!(bad.is_empty(), "{bad:?}\n{r}");
}

/// One lane, decisions every third step looping to step 1, and long steps
/// that push the table over a page break: the loops from the second page
/// become connector pairs, and the labels of the first page's loops lose
/// the places they had. The lane widens for it instead of drawing a label
/// over a line (two labels did so before).
#[test]
fn labels_keep_clean_places_when_a_page_break_cuts_the_loops() {
    let d = copy_content(&root().join("tests/rusak/dasar"));
    let long = " dengan uraian panjang yang memerlukan beberapa baris di dalam sel tabel".repeat(3);
    let mut y = String::from("judul: ALUR SATU LAJUR\nrevisi: 0\npelaksana: [Peran 1]\nlangkah:\n");
    for i in 1..=20 {
        let text = if [1, 11, 13].contains(&i) {
            long.as_str()
        } else {
            ""
        };
        let _ = writeln!(
            y,
            "  - kegiatan: Langkah {i}{text}\n    pelaksana: [Peran 1]"
        );
        if i % 3 == 1 && i > 1 {
            let named = if [4, 7, 10, 19].contains(&i) {
                ", label_ya: Berhasil, label_tidak: Tidak berhasil"
            } else {
                ""
            };
            let _ = writeln!(y, "    keputusan: {{ya: {}, tidak: 1{named}}}", i + 1);
        }
    }
    std::fs::write(d.path().join("sop/01-contoh.yaml"), y).unwrap();
    let (r, pages, _) = audit(d.path(), "satu lajur");
    assert!(pages >= 7, "the table breaks over a page: {pages} pages");
    assert_eq!(defects(&r, &[]), vec![], "{r}");
    let out = build(d.path());
    let unplaced: Vec<String> = out
        .warnings
        .0
        .iter()
        .map(|w| w.headline())
        .filter(|h| h.contains("tidak mendapat tempat yang bersih"))
        .collect();
    assert!(unplaced.is_empty(), "{unplaced:?}");
}

/// What compiles markup as the build does (its fonts, library and
/// files), for pages drawn by hand.
fn sumber() -> bukusop::build::Sumber {
    let markup = bukusop::build::Options {
        markup: true,
        ..Default::default()
    };
    let (out, _) = bukusop::build::build_with(&root().join("content"), markup).unwrap();
    out.sumber
}

/// A label is judged by the line of its own drawing (`gambar`, a
/// `context` block): beside its own line it is fine, moved beside the
/// line of another drawing it is counted, though it touches neither.
#[test]
fn a_label_nearer_another_line_than_its_own_is_counted() {
    let sumber = sumber();
    let page = |label_x: f64| {
        let drawing = |x: f64, label: Option<f64>| {
            let label = label.map_or(String::new(), |lx| {
                format!(
                    "place(dx: {lx}mm, dy: 14mm, text(font: \"Liberation Sans\", size: 6pt, style: \"italic\")[Tidak])"
                )
            });
            format!(
                "#context {{ place(curve(stroke: 0.6pt, curve.move(({x}mm, 5mm)), curve.line(({x}mm, 25mm)))); {label} }}\n"
            )
        };
        let markup = format!(
            "#set page(width: 60mm, height: 40mm, margin: 0mm)\n{}{}",
            drawing(10.0, Some(label_x)),
            drawing(30.0, None)
        );
        let doc = sumber.compile(&markup).unwrap_or_else(|d| panic!("{d}"));
        bukusop::audit::pages(&doc, 0, 0.0).jumlah(Cacat::LabelMendua)
    };
    assert_eq!(page(11.0), 0, "beside its own line");
    assert_eq!(page(20.0), 1, "beside the other drawing's line");
}

/// Two labels one over the other nearer than a line apart read as one
/// label ("Ya" over "Tidak"); a label over a diamond's corner but clear
/// of its outline touches nothing, one over its outline is counted.
#[test]
fn labels_stacked_or_over_a_diamond_are_counted_by_their_shapes() {
    let sumber = sumber();
    let label = |x: f64, y: f64, isi: &str| {
        format!(
            "place(dx: {x}mm, dy: {y}mm, text(font: \"Liberation Sans\", size: 6pt, style: \"italic\")[{isi}])"
        )
    };
    let audit = |body: String| {
        let markup = format!("#set page(width: 80mm, height: 50mm, margin: 0mm)\n{body}");
        let doc = sumber.compile(&markup).unwrap_or_else(|d| panic!("{d}"));
        bukusop::audit::pages(&doc, 0, 0.0)
    };
    // Two drawings, each a line with its label beside it.
    let two = |gap: f64| {
        let at = |x: f64, y: f64, isi: &str| {
            format!(
                "#context {{ place(curve(stroke: 0.6pt, curve.move(({x}mm, 5mm)), curve.line(({x}mm, 45mm)))); {} }}\n",
                label(x + 0.8, y, isi)
            )
        };
        // A 6 pt line of text is about 2.1 mm tall.
        audit(at(10.0, 20.0, "Berhasil") + &at(9.0, 22.1 + gap, "Tidak berhasil"))
    };
    assert_eq!(
        two(0.2).jumlah(Cacat::LabelBerdempet),
        1,
        "one over the other"
    );
    assert_eq!(two(2.0).jumlah(Cacat::LabelBerdempet), 0, "a line apart");
    // A diamond 12 × 5.5 mm centred at (40, 25), its left vertex at x = 34.
    let diamond = |x: f64, y: f64| {
        audit(format!(
            "#place(polygon(fill: white, stroke: 0.6pt, (34mm, 25mm), (40mm, 22.25mm), (46mm, 25mm), (40mm, 27.75mm)))\n#context {{ place(curve(stroke: 0.6pt, curve.move((34mm, 25mm)), curve.line((30mm, 25mm)), curve.line((30mm, 45mm)))); {} }}\n",
            label(x, y, "Tidak")
        ))
    };
    // Over the upper-left corner, clear of the slanted edge.
    let tucked = diamond(31.0, 21.0);
    assert_eq!(tucked.jumlah(Cacat::LabelTertimpa), 0, "{tucked}");
    // Lower, its right end over the outline.
    let over = diamond(31.0, 22.6);
    assert_eq!(over.jumlah(Cacat::LabelTertimpa), 1, "{over}");
}

/// A jump that joins a shared trunk at a dot goes on along the trunk: a
/// label beside the trunk past the dot names its own line, one beside the
/// trunk before the dot (where another jump comes from) does not.
#[test]
fn the_trunk_a_jump_joins_is_its_own_line_from_the_dot_on() {
    let sumber = sumber();
    let page = |label_y: f64| {
        // The trunk runs down at x = 30 mm; the jump comes from the left
        // at y = 20 mm and joins it with a dot; its label stands just
        // right of the trunk at `label_y`.
        let markup = format!(
            "#set page(width: 60mm, height: 50mm, margin: 0mm)\n\
             #context {{ place(curve(stroke: 0.6pt, curve.move((30mm, 5mm)), curve.line((30mm, 45mm)))) }}\n\
             #context {{ place(curve(stroke: 0.6pt, curve.move((10mm, 20mm)), curve.line((30mm, 20mm)))); \
             place(dx: 29.55mm, dy: 19.55mm, circle(radius: 0.45mm, fill: black, stroke: none)); \
             place(dx: 30.8mm, dy: {label_y}mm, text(font: \"Liberation Sans\", size: 6pt, style: \"italic\")[Tidak]) }}\n"
        );
        let doc = sumber.compile(&markup).unwrap_or_else(|d| panic!("{d}"));
        bukusop::audit::pages(&doc, 0, 0.0).jumlah(Cacat::LabelMendua)
    };
    assert_eq!(page(24.0), 0, "beside the trunk past the dot");
    assert_eq!(page(12.0), 1, "beside the trunk before the dot");
}
