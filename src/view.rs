//! Content → the data the templates print: every date, NIP and number
//! formatted here, every semantic mistake reported here, so templates only
//! lay out.

use std::collections::{BTreeSet, HashMap};
use std::path::Path;

use serde::Serialize;
use serde_saphyr::Spanned;

use crate::content::Content;
use crate::diag::{Diagnostic, Diagnostics, Severity};
use crate::flow::{self, Simbol};
use crate::model::{
    Alur, Bagan, Bagian, Gaya, Kertas, Orang, Orientasi, SimbolLangkah, StatusDokumen,
};
use crate::nip::Nip;
use crate::{nomor, riwayat, route, tanggal, waktu, yaml};

#[derive(Debug, Clone, Serialize)]
pub struct View {
    pub meta: Meta,
    pub kertas: Paper,
    pub pengadilan: PengadilanView,
    pub unit: UnitView,
    pub tahun: i32,
    pub tanggal: TanggalView,
    pub pejabat: Vec<OrangView>,
    pub pengesah: OrangView,
    pub alur: AlurView,
    /// A document of one SOP alone: no front matter, "Halaman x dari y".
    pub satu_sop: bool,
    /// The path Typst reads the scanned Pengesahan from, if there is one.
    pub pengesahan_pindaian: Option<String>,
    /// Rows of the RIWAYAT REVISI page.
    pub riwayat: Vec<RiwayatView>,
    /// The front matter's parts in printed order, each the name of its
    /// template without `.typ.j2`.
    pub bagian: Vec<Bagian>,
    pub kata_pengantar: Vec<String>,
    pub kendali_dokumen: Option<KendaliView>,
    pub pemilik: Option<String>,
    /// Labels, header layout and the other house-style settings.
    pub gaya: Gaya,
    pub sops: Vec<SopView>,
}

/// The document control box: every status, the chosen one ticked.
#[derive(Debug, Clone, Serialize)]
pub struct KendaliView {
    pub status: Vec<(String, bool)>,
    pub no_salinan: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Meta {
    pub judul: String,
    pub penulis: String,
    pub subjek: String,
    pub kata_kunci: Vec<String>,
    /// Document date (the effective date), not the clock: builds repeat.
    pub tahun: i32,
    pub bulan: u32,
    pub hari: u32,
}

/// Portrait size in millimetres, and whether SOP pages turn it sideways.
#[derive(Debug, Clone, Serialize)]
pub struct Paper {
    pub lebar: f64,
    pub tinggi: f64,
    pub lanskap: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct PengadilanView {
    pub nama: String,
    pub kelas: Option<String>,
    pub alamat: String,
    pub alamat_singkat: String,
    pub telepon: Option<String>,
    pub faks: Option<String>,
    pub whatsapp: Option<String>,
    pub email: Option<String>,
    pub website: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct UnitView {
    pub nama: String,
    pub jenis: String,
    pub kode: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct TanggalView {
    pub pembuatan: String,
    pub revisi: String,
    pub efektif: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct OrangView {
    pub peran: String,
    pub jabatan: String,
    pub nama: String,
    pub nip: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct SopView {
    pub urut: usize,
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
    /// The SOP's place (from 1) and the table's (from 0): together unique
    /// in the booklet, they start the anchors of the table's symbols.
    pub sop: usize,
    pub ke: usize,
    /// `A`, `B`… for a sub-procedure; `None` for an SOP's only table.
    pub huruf: Option<String>,
    pub judul: Option<String>,
    pub pelaksana: Vec<String>,
    pub langkah: Vec<RowView>,
    /// Width of one lane of this table.
    pub lebar_lajur: f64,
    /// The "Waktu yang diperlukan" line, when the style prints it.
    pub waktu_total: Option<String>,
    /// Anchors of both ends of every arrow, by edge index, for the layout
    /// pass to find the arrows that cross a page break.
    #[serde(skip)]
    pub panah: Vec<(String, String)>,
}

#[derive(Debug, Clone, Serialize)]
pub struct RowView {
    pub no: usize,
    pub kegiatan: String,
    pub kelengkapan: Vec<String>,
    pub waktu: String,
    pub output: String,
    pub ket: String,
    pub lanes: Vec<LaneView>,
    /// An off-page connector arrives above this step's symbol.
    pub ruang_atas: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct LaneView {
    pub simbol: Option<Simbol>,
    /// Lines, arrows, connectors and labels drawn from this symbol.
    pub gambar: Vec<route::Gambar>,
}

/// One revision of one SOP, for the RIWAYAT REVISI page.
#[derive(Debug, Clone, Serialize)]
pub struct RiwayatView {
    pub judul: String,
    /// The revision number, or `ditarik` for a withdrawn SOP.
    pub revisi: String,
    pub tanggal: String,
    pub catatan: String,
}

/// Flowchart sizes the templates need, in millimetres.
#[derive(Debug, Clone, Serialize)]
pub struct AlurView {
    pub lebar_simbol: f64,
    pub tinggi_simbol: f64,
    /// Room above and below a symbol in its cell.
    pub ruang: f64,
    /// Extra room above a symbol an off-page connector arrives at.
    pub ruang_penghubung: f64,
    pub penghubung: f64,
}

/// Which arrows the last layout put across a page break:
/// `(sop, table, edge)`.
pub type Breaks = BTreeSet<(usize, usize, usize)>;

/// The anchor label of a step's symbol in one lane of table `ke` of SOP
/// `sop`; the template writes the same `s{sop}-{ke}-{step}-{lane}`.
pub fn anchor(sop: usize, ke: usize, step: usize, lane: usize) -> String {
    format!("s{sop}-{ke}-{step}-{lane}")
}

/// Resolves and checks the content. Warnings come back with the view.
pub fn resolve(c: &Content, breaks: &Breaks) -> Result<(View, Diagnostics), Diagnostics> {
    let mut d = Diagnostics::default();
    let b = &c.buku;
    let bf = &c.buku_file;

    let date = |s: &Spanned<String>, file: &Path, d: &mut Diagnostics| {
        let parsed = tanggal::parse(&s.value);
        if parsed.is_none() {
            d.push(
                Diagnostic::error(format!("tanggal `{}` tidak dapat dibaca", s.value))
                    .at(yaml::place(file, &s.referenced))
                    .hint("tulis tanggal sebagai TAHUN-BULAN-HARI, misalnya 2024-01-20"),
            );
        }
        parsed
    };
    let fallback = chrono::NaiveDate::from_ymd_opt(2000, 1, 1).expect("valid date");
    let pembuatan = date(&b.tanggal.pembuatan, bf, &mut d).unwrap_or(fallback);
    let mut revisi = date(&b.tanggal.revisi, bf, &mut d).unwrap_or(fallback);
    let mut efektif = date(&b.tanggal.efektif, bf, &mut d).unwrap_or(fallback);
    let mut tahun = b.tahun;
    // After the first `bukusop revisi`, the record holds the booklet's
    // revision dates and year.
    let recorded = |s: &str, d: &mut Diagnostics| {
        tanggal::parse(s).or_else(|| {
            d.push(Diagnostic::error(format!(
                "`{}`: tanggal `{s}` tidak dapat dibaca",
                riwayat::BERKAS
            )));
            None
        })
    };
    if let Some(last) = c.riwayat.as_ref().and_then(|r| r.buku.last()) {
        revisi = recorded(&last.tanggal, &mut d).unwrap_or(revisi);
        efektif = recorded(&last.efektif, &mut d).unwrap_or(efektif);
        tahun = last.tahun;
    }

    let orang = |o: &Orang, peran: &str, d: &mut Diagnostics| {
        let nip = match Nip::parse(&o.nip.value) {
            Ok(n) => n.format(b.format_nip),
            Err(msg) => {
                d.push(
                    Diagnostic::error(msg)
                        .at(yaml::place(bf, &o.nip.referenced))
                        .hint("salin NIP dari SK; susunannya: tanggal lahir (8 angka), tahun dan bulan pengangkatan (6), jenis kelamin 1/2 (1), nomor urut (3)"),
                );
                o.nip.value.clone()
            }
        };
        OrangView {
            peran: peran.into(),
            jabatan: o.jabatan.clone(),
            nama: o.nama.clone(),
            nip,
        }
    };
    let pejabat = vec![
        orang(&b.pejabat.penyusun, "DISUSUN OLEH", &mut d),
        orang(&b.pejabat.pemeriksa, "DIPERIKSA OLEH", &mut d),
        orang(&b.pejabat.pengesah, "DISAHKAN OLEH", &mut d),
    ];

    let (lebar, tinggi) = match b.kertas {
        Kertas::A4 => (210.0, 297.0),
        Kertas::F4 => (215.0, 330.0),
        Kertas::Letter => (215.9, 279.4),
    };
    let lanskap = b.gaya.orientasi == Orientasi::Lanskap;
    // The lanes get the share of the table's width they have on a landscape
    // A4 page (132 of 277 mm); the side margins are 10 mm.
    let lebar_lajur_semua = (if lanskap { tinggi } else { lebar } - 20.0) * 132.0 / 277.0;

    let mut sops = Vec::new();
    let mut seen_numbers: HashMap<String, usize> = HashMap::new();
    for (i, (file, sop)) in c.sops.iter().enumerate() {
        let urut = i + 1;
        let tgl = |own: &Option<Spanned<String>>, default, d: &mut Diagnostics| match own {
            Some(s) => date(s, file, d).unwrap_or(default),
            None => default,
        };
        let t_pembuatan = tgl(&sop.tanggal.pembuatan, pembuatan, &mut d);
        // An SOP keeps the number and dates of its own last revision.
        let history = c
            .riwayat
            .as_ref()
            .and_then(|r| r.sop(&riwayat::file_name(file)))
            .filter(|h| h.ditarik.is_none())
            .map(|h| h.terakhir());
        let (nomor_revisi, revisi, efektif) = match history {
            Some(h) => (
                h.nomor,
                recorded(&h.tanggal, &mut d).unwrap_or(revisi),
                recorded(&h.efektif, &mut d).unwrap_or(efektif),
            ),
            None => (sop.revisi, revisi, efektif),
        };
        let t_revisi = tgl(&sop.tanggal.revisi, revisi, &mut d);
        let t_efektif = tgl(&sop.tanggal.efektif, efektif, &mut d);
        let nomor = match nomor::isi(
            &b.nomor.value,
            &nomor::Nilai {
                urut,
                bulan: tanggal::bulan_romawi(t_revisi),
                tahun,
            },
        ) {
            Ok(n) => n,
            Err(msg) => {
                if i == 0 {
                    d.push(Diagnostic::error(msg).at(yaml::place(bf, &b.nomor.referenced)));
                }
                String::new()
            }
        };
        if let Some(prev) = seen_numbers.insert(nomor.clone(), urut) {
            if !nomor.is_empty() {
                d.push(
                    Diagnostic::error(format!(
                        "nomor SOP `{nomor}` dipakai oleh SOP {prev} dan SOP {urut}"
                    ))
                    .at(yaml::place(bf, &b.nomor.referenced)),
                );
            }
        }
        let alur = sop.alur();
        let tabel = alur
            .iter()
            .enumerate()
            .map(|(j, a)| {
                let mut t = tabel(
                    (i, j),
                    file,
                    &sop.judul.value,
                    a,
                    &b.bagan,
                    lebar_lajur_semua,
                    breaks,
                    &mut d,
                );
                if alur.len() > 1 {
                    t.huruf = Some(huruf(j));
                }
                if b.gaya.total_waktu {
                    let w = a
                        .langkah
                        .iter()
                        .map(|l| l.value.waktu.as_ref().map_or("", |w| w.value.as_str()));
                    t.waktu_total = waktu::jumlah(w, b.gaya.jam_kerja_sehari);
                }
                t
            })
            .collect();
        if !sop.prosedur.is_empty() && !(sop.langkah.is_empty() && sop.pelaksana.is_empty()) {
            d.push(
                Diagnostic::error(format!(
                    "SOP `{}` memakai `prosedur` bersama `pelaksana`/`langkah`",
                    sop.judul.value
                ))
                .at(yaml::place(file, &sop.judul.referenced))
                .hint("pindahkan `pelaksana` dan `langkah` ke dalam salah satu sub-prosedur di bawah `prosedur:`"),
            );
        }
        sops.push(SopView {
            urut,
            nomor,
            judul: sop.judul.value.clone(),
            revisi: nomor_revisi,
            tgl_pembuatan: tanggal::dua_digit(t_pembuatan),
            tgl_revisi: tanggal::dua_digit(t_revisi),
            tgl_efektif: tanggal::dua_digit(t_efektif),
            dasar_hukum: sop.dasar_hukum.clone(),
            kualifikasi: sop.kualifikasi.clone(),
            keterkaitan: sop.keterkaitan.iter().map(|k| k.value.teks()).collect(),
            peralatan: sop.peralatan.clone(),
            peringatan: sop.peringatan.clone(),
            pencatatan: sop.pencatatan.clone(),
            tabel,
            keterangan: sop
                .keterangan
                .as_ref()
                .map(|k| k.items())
                .unwrap_or_default(),
        });
    }
    if d.has_errors() {
        return Err(d);
    }

    let p = &b.pengadilan;
    let nama_lengkap = match &p.kelas {
        Some(k) => format!("{} Kelas {k}", p.nama),
        None => p.nama.clone(),
    };
    let bagian = bagian(c, &mut d);
    let jam = b.gaya.jam_kerja_sehari;
    if !(1.0..=24.0).contains(&jam) {
        d.push(
            Diagnostic::error(format!(
                "{}: `gaya.jam_kerja_sehari` bernilai {jam}; seharusnya antara 1 dan 24",
                bf.display()
            ))
            .hint("tulis jam kerja sehari, misalnya 7.5 (37,5 jam seminggu) atau 8"),
        );
    }
    if d.has_errors() {
        return Err(d);
    }
    let view = View {
        meta: Meta {
            judul: format!(
                "Standar Operasional Prosedur {} {} {}",
                b.unit.nama, nama_lengkap, tahun
            ),
            penulis: p.nama.clone(),
            subjek: format!("Buku SOP {} {} tahun {}", b.unit.jenis, b.unit.nama, tahun),
            kata_kunci: vec![
                "SOP".into(),
                b.unit.kode.clone(),
                p.nama.clone(),
                tahun.to_string(),
            ],
            tahun: chrono::Datelike::year(&efektif),
            bulan: chrono::Datelike::month(&efektif),
            hari: chrono::Datelike::day(&efektif),
        },
        kertas: Paper {
            lebar,
            tinggi,
            lanskap,
        },
        pengadilan: PengadilanView {
            nama: p.nama.clone(),
            kelas: p.kelas.clone(),
            alamat: p.alamat.clone(),
            alamat_singkat: p.alamat_singkat.clone().unwrap_or_else(|| p.alamat.clone()),
            telepon: p.telepon.clone(),
            faks: p.faks.clone(),
            whatsapp: p.whatsapp.clone(),
            email: p.email.clone(),
            website: p.website.clone(),
        },
        unit: UnitView {
            nama: b.unit.nama.clone(),
            jenis: b.unit.jenis.clone(),
            kode: b.unit.kode.clone(),
        },
        tahun,
        tanggal: TanggalView {
            pembuatan: tanggal::panjang_kapital(pembuatan),
            revisi: tanggal::panjang_kapital(revisi),
            efektif: tanggal::panjang_kapital(efektif),
        },
        pengesah: pejabat[2].clone(),
        pejabat,
        satu_sop: false,
        // Typst tells a PDF from a PNG or JPEG by its first bytes.
        pengesahan_pindaian: b.pengesahan_pindaian.as_ref().map(|_| PINDAIAN.to_string()),
        riwayat: c.riwayat.as_ref().map(riwayat_rows).unwrap_or_default(),
        bagian,
        kata_pengantar: kata_pengantar(b).to_vec(),
        kendali_dokumen: b.kendali_dokumen.as_ref().map(|k| KendaliView {
            status: [
                (StatusDokumen::Master, "DOKUMEN MASTER"),
                (StatusDokumen::Terkendali, "SALINAN TERKENDALI"),
                (StatusDokumen::TidakTerkendali, "SALINAN TIDAK TERKENDALI"),
                (StatusDokumen::Kadaluarsa, "KADALUARSA"),
            ]
            .into_iter()
            .map(|(s, t)| (t.to_string(), s == k.status))
            .collect(),
            no_salinan: k.no_salinan.clone().unwrap_or_default(),
        }),
        pemilik: b.pemilik.clone(),
        gaya: b.gaya.clone(),
        alur: AlurView {
            lebar_simbol: b.bagan.lebar_simbol,
            tinggi_simbol: b.bagan.tinggi_simbol,
            ruang: ruang(&b.bagan),
            ruang_penghubung: PENGHUBUNG + 2.4,
            penghubung: PENGHUBUNG,
        },
        sops,
    };
    Ok((view, d))
}

/// The front matter's parts, checked: each at most once, and each with
/// what it prints.
fn bagian(c: &Content, d: &mut Diagnostics) -> Vec<Bagian> {
    let b = &c.buku;
    let bf = &c.buku_file;
    let dicetak = match &b.bagian {
        Some(list) => list.iter().any(|p| p.value == Bagian::KataPengantar),
        None => Bagian::BAWAAN.contains(&Bagian::KataPengantar),
    };
    if let Some(k) = &b.kata_pengantar
        && !dicetak
    {
        d.push(
            Diagnostic::warning("`kata_pengantar` ditulis tetapi tidak dicetak")
                .at(yaml::place(bf, &k.referenced))
                .hint("tambahkan `kata_pengantar` ke daftar `bagian`, misalnya `bagian: [sampul, sampul_dalam, pengesahan, kata_pengantar, daftar_isi, daftar_nomor]`"),
        );
    }
    let Some(list) = &b.bagian else {
        return Bagian::BAWAAN.to_vec();
    };
    let mut out = Vec::new();
    for p in list {
        let at = yaml::place(bf, &p.referenced);
        if out.contains(&p.value) {
            // The name as written in YAML.
            let nama = serde_json::to_value(p.value)
                .ok()
                .and_then(|v| v.as_str().map(str::to_string))
                .unwrap_or_default();
            d.push(
                Diagnostic::error(format!("bagian `{nama}` ditulis dua kali"))
                    .at(at)
                    .hint("setiap bagian depan dicetak satu kali; hapus salah satunya"),
            );
            continue;
        }
        match p.value {
            Bagian::KataPengantar if kata_pengantar(b).is_empty() => d.push(
                Diagnostic::error("bagian `kata_pengantar` diminta, tetapi teksnya belum ada")
                    .at(at)
                    .hint("tulis paragrafnya di bawah `kata_pengantar:` di buku.yaml, satu butir per paragraf"),
            ),
            Bagian::Riwayat if c.riwayat.is_none() => d.push(
                Diagnostic::warning(format!(
                    "bagian `riwayat` masih kosong: belum ada `{}`",
                    riwayat::BERKAS
                ))
                .at(at)
                .hint("jalankan `bukusop revisi` untuk mencatat revisi pertama"),
            ),
            _ => {}
        }
        out.push(p.value);
    }
    out
}

fn kata_pengantar(b: &crate::model::Buku) -> &[String] {
    b.kata_pengantar.as_ref().map_or(&[], |k| &k.value)
}

/// `A`, `B`, … `Z`, `AA`, … for the `i`-th sub-procedure (0-based).
fn huruf(i: usize) -> String {
    let mut n = i + 1;
    let mut out = Vec::new();
    while n > 0 {
        n -= 1;
        out.push(b'A' + (n % 26) as u8);
        n /= 26;
    }
    out.reverse();
    String::from_utf8(out).expect("ASCII letters")
}

/// Every recorded revision, oldest first, then withdrawals.
fn riwayat_rows(r: &riwayat::Riwayat) -> Vec<RiwayatView> {
    let date = |s: &str| {
        tanggal::parse(s)
            .map(tanggal::dua_digit)
            .unwrap_or_else(|| s.to_string())
    };
    let mut rows: Vec<(String, usize, RiwayatView)> = Vec::new();
    for (k, h) in r.sop.iter().enumerate() {
        for v in &h.revisi {
            let row = RiwayatView {
                judul: h.judul.clone(),
                revisi: v.nomor.to_string(),
                tanggal: date(&v.tanggal),
                catatan: v.catatan.clone().unwrap_or_default(),
            };
            rows.push((v.tanggal.clone(), k, row));
        }
        if let Some(t) = &h.ditarik {
            let row = RiwayatView {
                judul: h.judul.clone(),
                revisi: "ditarik".into(),
                tanggal: date(t),
                catatan: String::new(),
            };
            rows.push((t.clone(), k, row));
        }
    }
    rows.sort_by(|a, b| (&a.0, a.1).cmp(&(&b.0, b.1)));
    rows.into_iter().map(|(_, _, v)| v).collect()
}

/// The flowchart geometry of a table with `lanes` lanes sharing `lebar`
/// millimetres.
fn geometri(b: &Bagan, lanes: usize, lebar: f64) -> route::Geometri {
    route::Geometri {
        lajur: b.lebar_lajur.min(lebar / lanes.max(1) as f64),
        simbol_lebar: b.lebar_simbol,
        simbol_tinggi: b.tinggi_simbol,
        turun: ruang(b) / 2.0,
        penghubung: PENGHUBUNG,
    }
}

/// Room above and below a symbol, so that a row is at least `tinggi_baris`.
fn ruang(b: &Bagan) -> f64 {
    ((b.tinggi_baris - b.tinggi_simbol) / 2.0).max(1.0)
}

/// Where Typst reads the scanned Pengesahan page from.
pub const PINDAIAN: &str = "/pengesahan";
/// Size of an off-page connector, in millimetres.
const PENGHUBUNG: f64 = 4.5;

/// One flowchart table, with symbols and routed arrows, and the anchors of
/// every arrow's ends. `(sop_i, tabel_j)` places it in the booklet.
#[allow(clippy::too_many_arguments)]
fn tabel(
    (sop_i, tabel_j): (usize, usize),
    file: &Path,
    judul: &str,
    sop: &Alur,
    bagan: &Bagan,
    lebar_lajur_semua: f64,
    breaks: &Breaks,
    d: &mut Diagnostics,
) -> TabelView {
    let lanes: Vec<&str> = sop.pelaksana.iter().map(|p| p.value.as_str()).collect();
    let g = geometri(bagan, lanes.len(), lebar_lajur_semua);
    let mut view = TabelView {
        sop: sop_i + 1,
        ke: tabel_j,
        huruf: None,
        judul: sop.judul.map(str::to_string),
        pelaksana: lanes.iter().map(|l| l.to_string()).collect(),
        langkah: Vec::new(),
        lebar_lajur: g.lajur,
        waktu_total: None,
        panah: Vec::new(),
    };
    let nama = match sop.judul {
        Some(p) => format!("sub-prosedur `{p}` dari SOP `{judul}`"),
        None => format!("SOP `{judul}`"),
    };
    if lanes.is_empty() {
        d.push(
            Diagnostic::error(format!("{nama} tidak menyebut `pelaksana`"))
                .at(yaml::place(file, sop.tempat))
                .hint("daftarkan lajur bagan alir di bawah `pelaksana:`, misalnya `- Staf`"),
        );
        return view;
    }
    let before = d.0.len();
    let nodes = nodes(file, sop, &lanes, d);
    // A step the flow cannot even be built from (an unknown role, step 0)
    // would only echo in the flow's own messages.
    if d.0[before..].iter().any(|x| x.severity == Severity::Error) {
        return view;
    }
    let flow = match flow::build(&nodes, lanes.len()) {
        Ok(f) => f,
        Err(errs) => {
            for e in errs {
                let step = sop.langkah.get(e.step);
                let at = step
                    .and_then(|s| {
                        let s = &s.value;
                        let k = s.keputusan.as_ref().map(|k| &k.value);
                        let spot = match e.kunci {
                            flow::Kunci::Lanjut => s.lanjut.as_ref().map(|l| &l.referenced),
                            flow::Kunci::Ya => k.and_then(|k| k.ya.as_ref()).map(|v| &v.referenced),
                            flow::Kunci::Tidak => {
                                k.and_then(|k| k.tidak.as_ref()).map(|v| &v.referenced)
                            }
                            flow::Kunci::Langkah => None,
                        };
                        yaml::place(file, spot.unwrap_or(&step?.referenced))
                    })
                    .or_else(|| yaml::place(file, sop.tempat));
                let mut diag = Diagnostic::error(e.message).at(at);
                if let Some(h) = e.hint {
                    diag = diag.hint(h);
                }
                d.push(diag);
            }
            return view;
        }
    };
    let putus: BTreeSet<usize> = breaks
        .iter()
        .filter(|(s, t, _)| (*s, *t) == (sop_i, tabel_j))
        .map(|(_, _, e)| *e)
        .collect();
    let routed = route::route(&flow, &g, &putus);
    for w in &routed.warnings {
        d.push(Diagnostic::warning(w.clone()).at(yaml::place(file, &sop.langkah[0].referenced)));
    }

    let mut out: Vec<RowView> = sop
        .langkah
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let s = &s.value;
            RowView {
                no: i + 1,
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
                lanes: (0..lanes.len())
                    .map(|k| LaneView {
                        simbol: nodes[i].lanes.contains(&k).then_some(flow.symbols[i]),
                        gambar: Vec::new(),
                    })
                    .collect(),
                ruang_atas: routed.ruang_atas[i],
            }
        })
        .collect();
    for gb in routed.gambar {
        out[gb.step].lanes[gb.lane].gambar.push(gb);
    }
    view.panah = flow
        .edges
        .iter()
        .map(|e| {
            (
                anchor(view.sop, view.ke, e.from + 1, e.from_lane),
                anchor(view.sop, view.ke, e.to + 1, e.to_lane),
            )
        })
        .collect();
    view.langkah = out;
    view
}

/// The steps as the flow module sees them; unknown roles and impossible
/// combinations are reported here, with the place in the YAML.
fn nodes(file: &Path, sop: &Alur, lanes: &[&str], d: &mut Diagnostics) -> Vec<flow::Node> {
    let mut nodes = Vec::new();
    for (i, step) in sop.langkah.iter().enumerate() {
        let s = &step.value;
        let mut ls = Vec::new();
        for name in s.pelaksana.value.items() {
            match lanes.iter().position(|l| *l == name) {
                Some(k) if !ls.contains(&k) => ls.push(k),
                Some(_) => {}
                None => {
                    let hint = match yaml::closest(&name, lanes) {
                        Some(s) => format!("maksud Anda `{s}`?"),
                        None => format!("pelaksana yang dinyatakan: {}", lanes.join(", ")),
                    };
                    d.push(Diagnostic::error(format!(
                        "langkah {}: pelaksana `{name}` tidak ada dalam daftar `pelaksana` SOP ini",
                        i + 1
                    ))
                    .at(yaml::place(file, &s.pelaksana.referenced))
                    .hint(hint));
                }
            }
        }
        if ls.is_empty() {
            ls.push(0);
        }
        ls.sort_unstable();
        // Step numbers in the YAML start at 1.
        let k = s.keputusan.as_ref().map(|k| &k.value);
        for v in [
            k.and_then(|k| k.ya.as_ref()),
            k.and_then(|k| k.tidak.as_ref()),
            s.lanjut.as_ref(),
        ]
        .into_iter()
        .flatten()
        .filter(|v| v.value == 0)
        {
            d.push(
                Diagnostic::error(format!("langkah {}: tidak ada langkah nomor 0", i + 1))
                    .at(yaml::place(file, &v.referenced))
                    .hint("langkah dinomori mulai dari 1, sesuai urutannya di bawah `langkah:`"),
            );
        }
        let target = |v: &Spanned<u32>| (v.value as usize).saturating_sub(1);
        let ways = [s.keputusan.is_some(), s.lanjut.is_some(), s.selesai]
            .iter()
            .filter(|w| **w)
            .count();
        if ways > 1 {
            d.push(
                Diagnostic::error(format!(
                    "langkah {}: `keputusan`, `lanjut` dan `selesai` tidak bisa dipakai bersama",
                    i + 1
                ))
                .at(yaml::place(file, &step.referenced))
                .hint("pilih salah satu: keputusan (dua jalan), lanjut (satu jalan) atau selesai"),
            );
        }
        let lanjut = if let Some(k) = &s.keputusan {
            let k = &k.value;
            flow::Lanjut::Keputusan {
                ya: k.ya.as_ref().map(target),
                tidak: k.tidak.as_ref().map(target),
                label_ya: k.label_ya.clone(),
                label_tidak: k.label_tidak.clone(),
            }
        } else if let Some(t) = &s.lanjut {
            flow::Lanjut::Ke(target(t))
        } else if s.selesai {
            flow::Lanjut::Selesai
        } else {
            flow::Lanjut::Berikut
        };
        nodes.push(flow::Node {
            lanes: ls,
            lanjut,
            simbol: s.simbol.map(|m| match m {
                SimbolLangkah::Terminator => Simbol::Terminator,
                SimbolLangkah::Proses => Simbol::Proses,
            }),
        });
    }
    nodes
}

impl View {
    /// Keeps only SOP `i` (0-based), as a document of its own.
    pub fn select(&mut self, i: usize) {
        self.sops.retain(|s| s.urut == i + 1);
        self.satu_sop = true;
        if let Some(s) = self.sops.first() {
            self.meta.judul = format!("SOP {} {}", s.judul, self.pengadilan.nama);
            self.meta.subjek = format!("{} ({})", s.judul, s.nomor);
        }
    }
}

/// Every arrow of the view, as `((sop, table, edge), from anchor, to
/// anchor)` with the SOP's 0-based place in the booklet, for the layout
/// pass to check for page breaks.
pub fn edges(view: &View) -> Vec<((usize, usize, usize), String, String)> {
    let mut all = Vec::new();
    for sop in &view.sops {
        for (t_j, t) in sop.tabel.iter().enumerate() {
            for (e_i, (from, to)) in t.panah.iter().enumerate() {
                all.push(((sop.urut - 1, t_j, e_i), from.clone(), to.clone()));
            }
        }
    }
    all
}
