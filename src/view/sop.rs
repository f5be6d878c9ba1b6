//! The SOP pages' part of the view: identity, information block, and
//! each flowchart table with its rows, symbols and routed drawings.

use serde::Serialize;

use crate::check::SopChecked;
use crate::check::kolom::kolom_sop;
use crate::content::model::{Alur, JenisWaktu, Kolom, Label};
use crate::content::{Content, SopFile};
use crate::flow::Flow;
use crate::flow::Simbol;
use crate::kontrak;
use crate::nilai::{huruf::huruf, waktu};
use crate::route::{Arah, Gambar, LabelCabang, Penghubung, Routed, Titik};

#[derive(Debug, Clone, Serialize)]
pub struct SopView {
    pub urut: usize,
    /// The booklet's labels with those this SOP writes in their place.
    pub label: Label,
    /// The information block's text size (points) and cell inset (mm):
    /// smaller when the page plan sets the SOP tighter to save a page.
    pub ukuran_teks: f64,
    pub sisip_y: f64,
    /// The label on the SOP's first page (Daftar Isi looks up its page).
    pub jangkar: String,
    /// The label at the top of the information block.
    pub jangkar_informasi: String,
    pub nomor: String,
    pub judul: String,
    pub revisi: u32,
    pub tgl_pembuatan: String,
    pub tgl_revisi: String,
    pub tgl_efektif: String,
    pub dasar_hukum: Vec<String>,
    pub kualifikasi: Vec<String>,
    pub keterkaitan: Vec<String>,
    pub peralatan: Vec<String>,
    pub peringatan: Option<String>,
    pub pencatatan: Vec<String>,
    /// One flowchart table, or one per sub-procedure.
    pub tabel: Vec<TabelView>,
    /// Notes printed under the last table.
    pub keterangan: Vec<String>,
}

/// One flowchart table.
#[derive(Debug, Clone, Serialize)]
pub struct TabelView {
    /// `A`, `B`… for a sub-procedure; `None` for an SOP's only table.
    pub huruf: Option<String>,
    pub judul: Option<String>,
    pub pelaksana: Vec<String>,
    pub langkah: Vec<RowView>,
    /// Width of one lane of this table and of its symbols, in millimetres.
    pub lebar_lajur: f64,
    pub lebar_simbol: f64,
    /// The "Waktu yang diperlukan" line, when the style prints it.
    pub waktu_total: Option<String>,
    /// The first row (0-based) of each part the table is printed in, one
    /// part a page, as the page plan broke it.
    pub potongan: Vec<usize>,
    /// Whether the table starts on a new page.
    pub pindah: bool,
    /// The table's label, which the page plan looks up.
    pub jangkar: String,
    /// The columns after the lanes, in printed order, grouped: a run of
    /// Mutu Baku columns shares one head.
    pub kelompok: Vec<KelompokView>,
    /// How many columns follow the lanes, and which columns (0-based, of
    /// the whole table) are left-aligned.
    pub jumlah_kolom: usize,
    pub kiri: Vec<usize>,
    /// The text cells' vertical inset, in millimetres, and the text size,
    /// in points.
    pub sisip_y: f64,
    pub ukuran_teks: f64,
}

/// Columns printed side by side under one head (Mutu Baku), or one
/// column with a head of its own.
#[derive(Debug, Clone, Serialize)]
pub struct KelompokView {
    pub mutu_baku: bool,
    pub kolom: Vec<KolomView>,
}

/// One column after the lanes: its head and width (millimetres, or a
/// share of what is left).
#[derive(Debug, Clone, Serialize)]
pub struct KolomView {
    pub judul: String,
    pub mm: Option<f64>,
    pub fr: Option<f64>,
}

/// One cell of a column after the lanes: a bulleted list (Kelengkapan)
/// or a text.
#[derive(Debug, Clone, Serialize)]
pub struct SelView {
    pub butir: Option<Vec<String>>,
    pub teks: String,
    /// Rows the cell spans: 1, more for Mutu Baku merged over steps
    /// (`mutu_baku_sampai`), 0 for a row a cell above covers.
    pub rentang: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct RowView {
    pub no: usize,
    /// The labels at the top and bottom of the cell "No": where the row
    /// starts and ends, which the page plan measures.
    pub jangkar_atas: String,
    pub jangkar_bawah: String,
    pub kegiatan: String,
    pub kelengkapan: Vec<String>,
    pub waktu: String,
    pub output: String,
    pub ket: String,
    /// The cells of the columns after the lanes, in printed order.
    pub kolom: Vec<SelView>,
    pub lanes: Vec<LaneView>,
    /// Room above and below the symbols of this row, in millimetres.
    pub ruang_atas: f64,
    pub ruang_bawah: f64,
}

#[derive(Debug, Clone, Serialize)]
pub struct LaneView {
    pub simbol: Option<Simbol>,
    /// Words inside the symbol: Mulai or Selesai in a terminator, when the
    /// style writes them.
    pub tulisan: Option<String>,
    /// The label of the symbol, which arrows ending here look up.
    pub jangkar: Option<String>,
    /// Lines, arrows, connectors and labels drawn from this symbol.
    pub gambar: Vec<GambarView>,
    /// What a screen reader says of the cell, which otherwise holds only a
    /// drawing: the role and where the arrows go ("Sekretaris: lanjut ke
    /// langkah 4", "Kasubbag: Ya: langkah 5, Tidak: langkah 2").
    pub bacaan: Option<String>,
}

/// One routed drawing, from the centre of its lane's symbol.
#[derive(Debug, Clone, Serialize)]
pub struct GambarView {
    /// The label of the symbol that points measured from the target
    /// ([`crate::route::Acuan::Tujuan`]) refer to.
    pub ke: Option<String>,
    pub titik: Vec<Titik>,
    pub panah: Option<Arah>,
    /// A dot where this line joins another's trunk.
    pub sambungan: Option<Titik>,
    pub penghubung: Option<Penghubung>,
    pub label: Option<LabelCabang>,
}

/// SOP `urut` (1-based) with its routed tables.
pub(super) fn sop(
    c: &Content,
    urut: usize,
    f: &SopFile,
    checked: &SopChecked,
    routes: &[Routed],
    cetak: &super::Cetak,
) -> SopView {
    let s = &f.sop;
    let t = &checked.tanggal;
    let alur = s.alur();
    let lettered = alur.len() > 1;
    let rapat = cetak.rapat.contains(&(urut - 1));
    let label = c.buku.gaya.label.dengan(&s.label);
    let list = kolom_sop(c, f);
    let tgl = super::TanggalView::dicetak(
        [t.pembuatan, t.revisi, t.efektif],
        t.revisi_kosong,
        c.buku.gaya.format_tanggal,
    );
    SopView {
        urut,
        jangkar: kontrak::sop_label(urut),
        jangkar_informasi: kontrak::informasi_label(urut),
        ukuran_teks: kontrak::teks_pt(rapat),
        sisip_y: kontrak::sisip_y(rapat),
        nomor: checked.nomor.clone(),
        judul: s.judul.value.clone(),
        revisi: t.nomor_revisi,
        tgl_pembuatan: tgl.pembuatan,
        tgl_revisi: tgl.revisi,
        tgl_efektif: tgl.efektif,
        dasar_hukum: s.dasar_hukum.clone(),
        kualifikasi: s.kualifikasi.clone(),
        keterkaitan: s.keterkaitan.iter().map(|k| k.value.teks()).collect(),
        peralatan: s.peralatan.clone(),
        peringatan: s.peringatan.clone(),
        pencatatan: s.pencatatan.clone(),
        tabel: alur
            .iter()
            .zip(&checked.tabel)
            .zip(routes)
            .enumerate()
            .map(|(j, ((a, checked), r))| {
                let mut t = tabel(c, urut, j, a, &checked.flow, r);
                kolom(&mut t, a, &label, &list);
                if c.buku.gaya.tulis_terminator {
                    tulis_terminator(&mut t, &checked.flow, &label);
                }
                if let Some(p) = cetak.potongan.get(&(urut - 1, j)) {
                    t.potongan = p.clone();
                }
                gabung(&mut t, a, &list);
                t.pindah = cetak.pindah.contains(&(urut - 1, j));
                t.sisip_y = kontrak::sisip_y(rapat);
                t.ukuran_teks = kontrak::teks_pt(rapat);
                if lettered {
                    t.huruf = Some(huruf(j));
                }
                t
            })
            .collect(),
        keterangan: s.keterangan.as_ref().map(|k| k.items()).unwrap_or_default(),
        label,
    }
}

/// Mulai in the terminators the procedure starts at, Selesai in the others.
fn tulis_terminator(t: &mut TabelView, flow: &Flow, label: &Label) {
    for (i, row) in t.langkah.iter_mut().enumerate() {
        if flow.symbols[i] != Simbol::Terminator {
            continue;
        }
        let words = match flow.mulai.contains(&i) {
            true => &label.mulai,
            false => &label.selesai,
        };
        for lane in row.lanes.iter_mut().filter(|l| l.simbol.is_some()) {
            lane.tulisan = Some(words.clone()).filter(|w| !w.is_empty());
        }
    }
}

/// Table `nomor` (0-based) of SOP `sop` (1-based).
fn tabel(c: &Content, sop: usize, nomor: usize, alur: &Alur, flow: &Flow, r: &Routed) -> TabelView {
    let gaya = &c.buku.gaya;
    let mut rows = rows(sop, nomor, alur, flow, r);
    let label = |(step, lane): (usize, usize)| kontrak::simbol_label(sop, nomor, step + 1, lane);
    for d in &r.gambar {
        rows[d.step].lanes[d.lane].gambar.push(gambar(d, label));
    }
    let waktu_total = match alur.waktu_total {
        Some(own) => Some(own.to_string()),
        None if gaya.total_waktu && gaya.waktu == JenisWaktu::Lama => {
            let w = alur
                .langkah
                .iter()
                .map(|l| l.value.waktu.as_ref().map_or("", |w| w.value.as_str()));
            waktu::jumlah(w, gaya.jam_kerja_sehari)
        }
        None => None,
    };
    TabelView {
        huruf: None,
        judul: alur.judul.map(str::to_string),
        pelaksana: alur.pelaksana.iter().map(|p| p.value.clone()).collect(),
        langkah: rows,
        lebar_lajur: r.geometri.lebar_lajur,
        lebar_simbol: r.geometri.lebar_simbol,
        waktu_total,
        potongan: vec![0],
        pindah: false,
        jangkar: kontrak::tabel_label(sop, nomor),
        kelompok: Vec::new(),
        jumlah_kolom: 0,
        kiri: Vec::new(),
        sisip_y: kontrak::sisip_y(false),
        ukuran_teks: kontrak::teks_pt(false),
    }
}

/// The table's rows with their symbols, before the drawings join them.
fn rows(sop: usize, nomor: usize, alur: &Alur, flow: &Flow, r: &Routed) -> Vec<RowView> {
    let lanes = alur.pelaksana.len();
    alur.langkah
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let s = &s.value;
            let (atas, bawah) = kontrak::baris_label(sop, nomor, i + 1);
            RowView {
                no: i + 1,
                jangkar_atas: atas,
                jangkar_bawah: bawah,
                kegiatan: s.kegiatan.clone(),
                kelengkapan: s
                    .kelengkapan
                    .as_ref()
                    .map(|k| k.items())
                    .unwrap_or_default(),
                waktu: s
                    .waktu
                    .as_ref()
                    .map(|w| w.value.clone())
                    .unwrap_or_default(),
                output: s.output.clone().unwrap_or_default(),
                ket: s.ket.clone().unwrap_or_default(),
                kolom: Vec::new(),
                lanes: (0..lanes)
                    .map(|k| {
                        let here = flow.step_lanes[i].contains(&k);
                        LaneView {
                            simbol: here.then_some(flow.symbols[i]),
                            tulisan: None,
                            jangkar: here.then(|| kontrak::simbol_label(sop, nomor, i + 1, k)),
                            gambar: Vec::new(),
                            bacaan: here
                                .then(|| format!("{}: {}", alur.pelaksana[k].value, arah(flow, i))),
                        }
                    })
                    .collect(),
                ruang_atas: r.ruang_atas[i],
                ruang_bawah: r.ruang_bawah[i],
            }
        })
        .collect()
}

/// Where the arrows of step `i` (0-based) go, in words.
fn arah(flow: &Flow, i: usize) -> String {
    let out: Vec<String> = flow
        .edges
        .iter()
        .filter(|e| e.from == i)
        .map(|e| match &e.label {
            Some(l) => format!("{l}: langkah {}", e.to + 1),
            None => format!("lanjut ke langkah {}", e.to + 1),
        })
        .collect();
    match out.is_empty() {
        true => "selesai".to_string(),
        false => out.join(", "),
    }
}

fn gambar(d: &Gambar, label: impl Fn((usize, usize)) -> String) -> GambarView {
    GambarView {
        ke: d.ke.map(label),
        titik: d.titik.clone(),
        panah: d.panah,
        sambungan: d.sambungan,
        penghubung: d.penghubung.clone(),
        label: d.label.clone(),
    }
}

/// The columns after the lanes of table `t`: heads, widths, alignment and
/// every row's cells.
fn kolom(t: &mut TabelView, alur: &Alur, label: &Label, list: &[std::borrow::Cow<Kolom>]) {
    let lanes = t.pelaksana.len();
    t.jumlah_kolom = list.len();
    t.kiri = vec![1];
    for (k, kolom) in list.iter().enumerate() {
        let mutu_baku = kolom.mutu_baku();
        let (judul, mm, kiri) = match kolom.as_ref() {
            Kolom::Bawaan(n) => match n.as_str() {
                "kelengkapan" => (&label.kelengkapan, None, true),
                "waktu" => (&label.waktu, Some(17.0), false),
                "output" => (&label.output, None, true),
                _ => (&label.ket, Some(11.0), false),
            },
            Kolom::Sendiri(s) => (&s.judul, None, true),
        };
        if kiri {
            t.kiri.push(lanes + 2 + k);
        }
        let view = KolomView {
            judul: judul.clone(),
            mm,
            fr: mm.is_none().then_some(1.0),
        };
        match t.kelompok.last_mut() {
            Some(g) if g.mutu_baku && mutu_baku => g.kolom.push(view),
            _ => t.kelompok.push(KelompokView {
                mutu_baku,
                kolom: vec![view],
            }),
        }
    }
    for (row, step) in t.langkah.iter_mut().zip(alur.langkah) {
        let s = &step.value;
        row.kolom = list
            .iter()
            .map(|k| match (k.as_ref(), k.kunci()) {
                (Kolom::Bawaan(_), "kelengkapan") => SelView {
                    butir: Some(row.kelengkapan.clone()),
                    teks: String::new(),
                    rentang: 1,
                },
                (Kolom::Bawaan(_), name) => SelView {
                    butir: None,
                    rentang: 1,
                    teks: match name {
                        "waktu" => row.waktu.clone(),
                        "output" => row.output.clone(),
                        _ => row.ket.clone(),
                    },
                },
                (Kolom::Sendiri(own), _) => SelView {
                    butir: None,
                    rentang: 1,
                    teks: s
                        .kolom
                        .get(&own.kunci)
                        .map(|v| v.value.clone())
                        .unwrap_or_default(),
                },
            })
            .collect();
    }
}

/// Mutu Baku merged over steps (`mutu_baku_sampai`): the first row of a
/// range spans it in every Mutu Baku column; where a page part starts
/// inside the range, the cells are printed again there for the rest.
fn gabung(t: &mut TabelView, alur: &Alur, list: &[std::borrow::Cow<Kolom>]) {
    let mutu: Vec<usize> = (0..list.len()).filter(|&k| list[k].mutu_baku()).collect();
    let rows = t.langkah.len();
    for (i, step) in alur.langkah.iter().enumerate() {
        let Some(sampai) = &step.value.mutu_baku_sampai else {
            continue;
        };
        let end = (sampai.value as usize).min(rows);
        let mut a = i;
        while a < end {
            let b = t
                .potongan
                .iter()
                .copied()
                .find(|&p| p > a)
                .map_or(end, |p| p.min(end));
            for &k in &mutu {
                let sel = t.langkah[i].kolom[k].clone();
                t.langkah[a].kolom[k] = SelView {
                    rentang: b - a,
                    ..sel
                };
                for r in &mut t.langkah[a + 1..b] {
                    r.kolom[k].rentang = 0;
                }
            }
            a = b;
        }
    }
}
