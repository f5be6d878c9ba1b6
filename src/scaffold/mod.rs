//! Scaffolding: a new court's content folder (`bukusop init`), a new SOP
//! file in it (`bukusop new`) and synthetic content for benchmarks
//! (`synth`). Files that check and build as they are, for the court to
//! edit; the static ones are in `files/`.

pub mod synth;

use std::path::{Path, PathBuf};

use crate::content::{SOP_DIR, assets, schema};
use crate::diag::io_reason;
use crate::diag::jalur;
use crate::files::tulis::di_dalam;
use crate::files::{slug, tulis};

/// What `init` asks for.
#[derive(Debug, Clone)]
pub struct Identitas {
    /// e.g. `Pengadilan Negeri Contoh`.
    pub pengadilan: String,
    /// e.g. `IB`; empty for none.
    pub kelas: String,
    /// e.g. `PERENCANAAN, TI DAN PELAPORAN`.
    pub unit: String,
    /// e.g. `PTIP`.
    pub kode: String,
    pub tahun: i32,
}

/// Why a folder cannot be started.
#[derive(Debug)]
pub enum Gagal {
    /// The folder exists and is not empty.
    TidakKosong(PathBuf),
    /// A value out of its range, explained.
    Nilai(String),
    Io(PathBuf, std::io::Error),
}

impl std::fmt::Display for Gagal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Gagal::TidakKosong(p) => write!(
                f,
                "folder `{}` sudah berisi berkas (selain .git, README dan LICENSE); pilih folder baru",
                jalur(p)
            ),
            // A value from the arguments may carry escape bytes.
            Gagal::Nilai(m) => f.write_str(&crate::diag::tampak(m)),
            Gagal::Io(p, e) => write!(f, "tidak dapat menulis `{}`: {}", jalur(p), io_reason(e)),
        }
    }
}

/// What a freshly made repository may already hold: `init` fills it and
/// keeps these as they are.
const REPO_AWAL: [&str; 5] = [".git", "README.md", "README", "LICENSE", ".gitattributes"];

/// Writes a complete content folder into `dir` (new, empty, or a freshly
/// cloned repository holding only `.git`, a README and a LICENSE, which
/// are kept) and returns the files written.
pub fn init(dir: &Path, id: &Identitas) -> Result<Vec<PathBuf>, Gagal> {
    let existing: Vec<String> = match std::fs::read_dir(dir) {
        Ok(d) => d
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect(),
        Err(_) if !dir.exists() => Vec::new(),
        Err(e) => return Err(Gagal::Io(dir.to_path_buf(), e)),
    };
    let kept = |n: &String| {
        REPO_AWAL.contains(&n.as_str()) || n.starts_with("LICENSE") || n.starts_with("README")
    };
    if !existing.iter().all(kept) {
        return Err(Gagal::TidakKosong(dir.to_path_buf()));
    }
    // One line of plain text each: a line break would start new lines of
    // the README (and a control character reach a terminal that shows it).
    for (key, value) in [
        ("pengadilan", &id.pengadilan),
        ("kelas", &id.kelas),
        ("unit", &id.unit),
        ("kode", &id.kode),
    ] {
        if value.chars().any(crate::teks::tak_sebaris) {
            return Err(Gagal::Nilai(format!(
                "`--{key}` berisi baris baru atau karakter kendali: `{value}`; tulis satu baris teks biasa"
            )));
        }
    }
    if !crate::nilai::tanggal::TAHUN.contains(&id.tahun) {
        return Err(Gagal::Nilai(format!(
            "tahun {} di luar rentang 1900–2100",
            id.tahun
        )));
    }
    let mut written = Vec::new();
    let mut put = |rel: &str, bytes: &[u8]| -> Result<(), Gagal> {
        let path = dir.join(rel);
        di_dalam(dir, rel)
            .and_then(|p| tulis(&p, bytes))
            .map_err(|e| Gagal::Io(path.clone(), e))?;
        written.push(path);
        Ok(())
    };
    put("buku.yaml", buku(id).as_bytes())?;
    put("sop/01-surat-masuk.yaml", SOP_SURAT.as_bytes())?;
    put("sop/02-permohonan-informasi.yaml", SOP_INFORMASI.as_bytes())?;
    put(
        "logo/logo-pengadilan.png",
        assets::bundled_logo("logo-pengadilan.png").expect("bundled logo"),
    )?;
    put(".gitignore", b"out/\n")?;
    // A README the repository came with is the court's own: ours only
    // where there is none.
    if !existing.iter().any(|n| n.starts_with("README")) {
        put("README.md", readme(id).as_bytes())?;
    }
    put(".github/workflows/bukusop.yml", workflow().as_bytes())?;
    for (name, text) in schema::all() {
        put(&format!("{}/{name}", schema::DIR), text.as_bytes())?;
    }
    Ok(written)
}

/// Adds `sop/NN-judul.yaml` for a new SOP titled `judul`, numbered after
/// the last file; returns its path.
pub fn new_sop(root: &Path, judul: &str) -> Result<PathBuf, Gagal> {
    let sop_dir = root.join(SOP_DIR);
    let last = std::fs::read_dir(&sop_dir)
        .map(|entries| {
            entries
                .flatten()
                .filter_map(|e| {
                    let name = e.file_name().to_string_lossy().into_owned();
                    name.split(|c: char| !c.is_ascii_digit())
                        .next()
                        .and_then(|n| n.parse::<u32>().ok())
                })
                .max()
                .unwrap_or(0)
        })
        .unwrap_or(0);
    // `4294967295-x.yaml` must not wrap to 0 and renumber the booklet.
    let Some(next) = last.checked_add(1).filter(|n| *n <= 9999) else {
        return Err(Gagal::Nilai(format!(
            "nomor berkas SOP terbesar di `{}` ({last}) sudah 9999 atau lebih; beri nomor ulang berkasnya",
            jalur(&sop_dir)
        )));
    };
    let judul = judul.trim().to_uppercase();
    if judul.chars().any(crate::teks::tak_sebaris) {
        return Err(Gagal::Nilai(format!(
            "judul SOP `{judul}` berisi baris baru atau karakter kendali; tulis satu baris teks biasa"
        )));
    }
    if slug(&judul).is_empty() {
        return Err(Gagal::Nilai(
            "judul SOP kosong (tanpa huruf atau angka); tulis judulnya, misalnya `bukusop new \"Pengelolaan Arsip\"`".into(),
        ));
    }
    let rel = format!("{SOP_DIR}/{next:02}-{}.yaml", slug(&judul));
    let path = root.join(&rel);
    let text = SOP_BARU.replace("{judul}", &quote(&judul));
    di_dalam(root, &rel)
        .and_then(|p| tulis(&p, text.as_bytes()))
        .map_err(|e| Gagal::Io(path.clone(), e))?;
    Ok(path)
}

/// Copies the bundled template part `nama` (with or without `.typ.j2`)
/// into `root/templates/`, to start a court's own from; never replaces a
/// file that is there.
pub fn salin_templat(root: &Path, nama: &str) -> Result<PathBuf, Gagal> {
    use crate::content::assets::{BUNDLED, Templates};
    let known: Vec<&str> = BUNDLED.iter().map(|(n, _)| *n).collect();
    let full = known
        .iter()
        .find(|n| **n == nama || n.strip_suffix(".typ.j2") == Some(nama))
        .ok_or_else(|| {
            let short: Vec<&str> = known
                .iter()
                .map(|n| n.strip_suffix(".typ.j2").unwrap_or(n))
                .collect();
            let saran = crate::diag::saran::maksud_anda(nama, &short)
                .map(|s| format!("{s}; "))
                .unwrap_or_default();
            Gagal::Nilai(format!(
                "bagian templat `{nama}` tidak ada; {saran}bagian yang ada: {}",
                short.join(", ")
            ))
        })?;
    let text = Templates::bundled(full).unwrap_or_default();
    let rel = format!("templates/{full}");
    let path = di_dalam(root, &rel).map_err(|e| Gagal::Io(root.join(&rel), e))?;
    if path.exists() || path.symlink_metadata().is_ok() {
        return Err(Gagal::Nilai(format!(
            "`{}` sudah ada; tidak ditimpa (hapus dulu bila ingin mulai lagi dari bawaan)",
            jalur(&path)
        )));
    }
    tulis(&path, text.as_bytes()).map_err(|e| Gagal::Io(path.clone(), e))?;
    Ok(path)
}

/// A YAML double-quoted string: whatever `s` holds (`#`, `:`, quotes, a
/// line break) stays one value.
fn quote(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            c if c.is_control() => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// `s` on one line, for a YAML comment: control characters become spaces.
fn comment(s: &str) -> String {
    s.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}

fn buku(id: &Identitas) -> String {
    let kelas = if id.kelas.trim().is_empty() {
        "  # kelas: IB".to_string()
    } else {
        format!("  kelas: {}", quote(id.kelas.trim()))
    };
    format!(
        r#"# yaml-language-server: $schema=schema/buku.schema.json
# Buku SOP {unit} {pengadilan}, {tahun}.
# Semua yang sama untuk setiap SOP ditulis di sini, sekali saja.
pengadilan:
  nama: {nama}
{kelas}
  alamat: "Jalan ... Nomor ..., Kota ..."     # ganti dengan alamat lengkap
  # alamat_singkat: "Jalan ... Nomor ..."     # untuk kepala halaman SOP
  # telepon: "(0000) 000000"
  # email: nama@pn-contoh.go.id
  # website: www.pn-contoh.go.id
  logo: logo/logo-pengadilan.png            # ganti dengan logo pengadilan (PNG/JPEG)
unit:
  nama: {unit_q}
  jenis: SUBBAG
  kode: {kode_q}
tahun: {tahun}
tanggal:                                    # TAHUN-BULAN-HARI
  pembuatan: {tahun}-01-02
  revisi: {tahun}-01-02
  efektif: {tahun}-01-03
pejabat:                                    # ganti nama dan NIP (18 angka)
  penyusun:
    jabatan: {jabatan}
    nama: Nama Penyusun
    nip: "199001012015031001"
  pemeriksa:
    jabatan: Sekretaris
    nama: Nama Pemeriksa
    nip: "198001012005031002"
  pengesah:
    jabatan: Ketua
    nama: Nama Ketua
    nip: "197501012000031003"
# {{urut}} nomor urut SOP, {{bulan}} bulan revisi (Romawi), {{tahun}} tahun buku
# ganti KPN.X dengan kode satuan kerja pengadilan (misalnya KPN.W4-U2, KPA.W5-A1)
nomor: {nomor}
berkas: {berkas}                            # nama berkas PDF di out/

# Gaya cetak (semua opsional; lihat README bukusop bagian "Gaya"):
# kertas: A4                                # A4, F4 atau Letter
# bagian: [sampul, sampul_dalam, pengesahan, kata_pengantar, daftar_isi, daftar_nomor, makna_simbol, riwayat]
# kata_pengantar:
#   - Paragraf pertama Kata Pengantar.
# sampul:                                   # yang tidak ditulis tidak dicetak
#   logo_berakhlak: logo/berakhlak.png      # atau `contoh` untuk logo contoh bawaan
#   logo_bangga: logo/bangga-melayani.png
#   semboyan: Berorientasi Pelayanan · Akuntabel · Kompeten · Harmonis · Loyal · Adaptif · Kolaboratif
#   judul: PELAYANAN TERPADU SATU PINTU     # judul di bawah STANDAR OPERASIONAL PROSEDUR
#   kode: SOP/PTSP/01
#   tanggal: true                           # tanggal pembuatan, revisi dan efektif
# kendali_dokumen: {{status: terkendali, no_salinan: "01"}}
# pemilik: Dokumen ini milik {pengadilan}. Dilarang memperbanyak tanpa izin.
# gaya:
#   kepala: tabel                           # tabel, daftar atau tanpa (hanya judul)
#   huruf_bagian: false                     # true: A. DASAR HUKUM ... G. ALUR PROSES
#   orientasi: lanskap                      # lanskap atau potret
#   total_waktu: false                      # true: "Waktu yang diperlukan" di bawah tabel
#   kendali_di: sampul                      # kotak kendali dan pemilik: sampul, sop atau keduanya
#   jam_kerja_sehari: 7.5
#   label:
#     kegiatan: Kegiatan                    # misalnya Aktivitas
#     kelengkapan: Kelengkapan              # misalnya Persyaratan/ Perlengkapan
"#,
        pengadilan = comment(&id.pengadilan),
        nama = quote(&id.pengadilan),
        unit = comment(&id.unit),
        unit_q = quote(&id.unit),
        jabatan = quote(&format!("Kepala Subbagian {}", title_case(&id.unit))),
        kode_q = quote(&id.kode),
        nomor = quote(&format!(
            "{{urut}}/KPN.X/SOP.{}/OT1.2/{{bulan}}/{{tahun}}",
            id.kode
        )),
        tahun = id.tahun,
        berkas = slug(&format!("sop {} {} {}", id.kode, id.pengadilan, id.tahun)),
    )
}

/// `PERENCANAAN, TI DAN PELAPORAN` → `Perencanaan, Ti Dan Pelaporan`,
/// with short words and acronyms kept as a court writes them.
fn title_case(s: &str) -> String {
    s.split(' ')
        .map(|w| {
            let lower = w.to_lowercase();
            match lower.trim_end_matches(',') {
                "dan" | "atau" | "dari" | "ke" => lower,
                x if x.len() <= 3 => w.to_string(),
                _ => {
                    let mut c = lower.chars();
                    c.next()
                        .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
                        .unwrap_or_default()
                }
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn readme(id: &Identitas) -> String {
    format!(
        r#"# Buku SOP {unit} {pengadilan}

Folder ini berisi buku SOP dalam bentuk berkas teks (YAML). Program
[bukusop]({repo}) membuatnya menjadi PDF siap cetak: sampul,
Pengesahan, Daftar Isi, Daftar Nomor, lalu setiap SOP dengan bagan alirnya.

## Isi folder

- `buku.yaml`: identitas pengadilan, unit, tahun, tanggal, pejabat dan NIP,
  pola nomor SOP. Ditulis sekali untuk seluruh buku.
- `sop/`: satu berkas per SOP, diurutkan menurut nomor di awal namanya (`01-…`, `02-…`, …, `10-…`).
- `logo/`: logo pengadilan (ganti `logo-pengadilan.png` dengan logo asli).
- `schema/`: bantuan untuk editor (VS Code dengan ekstensi YAML dari Red Hat
  melengkapi dan memeriksa isian sambil mengetik).
- `riwayat.yaml` (muncul setelah `bukusop revisi`): riwayat revisi, jangan
  diubah dengan tangan.

## Memasang bukusop

Unduh berkas untuk sistem Anda dari {rilis} (untuk Windows:
`bukusop-v{versi}-x86_64-pc-windows-msvc.exe`, simpan sebagai
`C:\bukusop\bukusop.exe`), periksa dengan `SHA256SUMS` di halaman yang sama
(PowerShell: `Get-FileHash C:\bukusop\bukusop.exe -Algorithm SHA256`), lalu
jalankan `bukusop --version`. Cara lengkapnya ada di README bukusop.

## Mengubah dan membangun

1. Ubah `buku.yaml` dan berkas di `sop/` dengan editor teks.
2. Periksa: `bukusop check .`. Setiap kesalahan disebut berkas, baris dan
   kolomnya, dengan saran perbaikan.
3. Bangun: `bukusop build .`. PDF ditulis ke `out/`.
4. SOP baru: `bukusop new "JUDUL SOP"` menambah berkas bernomor di `sop/`.
5. Revisi tahunan: `bukusop revisi . --tanggal {tahun}-01-20 --catatan "Revisi tahunan"`.

Setiap langkah menuju langkah berikutnya. Untuk keputusan tulis
`keputusan: {{ya: 4, tidak: 2}}`; untuk melompat `lanjut: 6`; untuk
mengakhiri prosedur `selesai: true`. Satu langkah yang dikerjakan bersama:
`pelaksana: [Staf, Kasubbag]`.

## CI

`.github/workflows/bukusop.yml` memeriksa dan membangun buku pada setiap
commit di GitHub dan menyimpan PDF-nya sebagai artefak. Ia mengunduh
bukusop versi {versi} dari rilisnya dan memeriksanya dengan `SHA256SUMS`;
untuk versi lain, ubah `BUKUSOP_VERSI` di berkas itu.
"#,
        repo = env!("CARGO_PKG_REPOSITORY"),
        rilis = rilis(),
        versi = env!("CARGO_PKG_VERSION"),
        unit = id.unit,
        pengadilan = id.pengadilan,
        tahun = id.tahun,
    )
}

const SOP_SURAT: &str = include_str!("files/01-surat-masuk.yaml");

const SOP_INFORMASI: &str = include_str!("files/02-permohonan-informasi.yaml");

const SOP_BARU: &str = include_str!("files/sop-baru.yaml");

const WORKFLOW: &str = include_str!("files/bukusop.yml");

/// Where bukusop's releases are published: its repository (`repository`
/// in Cargo.toml, the one place its address is written) and `/releases`.
pub fn rilis() -> String {
    format!("{}/releases", env!("CARGO_PKG_REPOSITORY"))
}

/// The content repository's workflow, pinned to the bukusop that wrote it,
/// which it downloads from that version's release and checks against the
/// release's SHA256SUMS.
pub fn workflow() -> String {
    WORKFLOW
        .replace("{versi}", env!("CARGO_PKG_VERSION"))
        .replace("{rilis}", &rilis())
}

/// What `init` suggests for each value it asks: (question, suggestion).
pub const CONTOH: [(&str, &str); 4] = [
    ("Nama pengadilan", "Pengadilan Negeri Contoh"),
    ("Kelas", "II"),
    ("Nama unit", "PERENCANAAN, TI DAN PELAPORAN"),
    ("Kode unit", "PTIP"),
];

/// Copies the content folder `from` to `to` (for `bench --sunting`):
/// folders and regular files only, never through a symlink, without the
/// built `out/`.
pub fn salin_folder(from: &Path, to: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(to)?;
    for e in std::fs::read_dir(from)? {
        let e = e?;
        let kind = e.file_type()?;
        let target = to.join(e.file_name());
        if kind.is_dir() && e.file_name() != "out" {
            salin_folder(&e.path(), &target)?;
        } else if kind.is_file() {
            std::fs::copy(e.path(), target)?;
        }
    }
    Ok(())
}

/// The content folder a command works on when none is named: the current
/// folder when it holds `buku.yaml`, otherwise `./content`.
pub fn folder_bawaan() -> PathBuf {
    if Path::new(crate::content::BUKU).exists() {
        PathBuf::from(".")
    } else {
        PathBuf::from("content")
    }
}
