//! Embeds the built-in pack (`patterns/pack.toml` and `patterns/rules/*.toml`) into the library.
use std::{env, fs, path::PathBuf};

fn main() {
    let manifest = PathBuf::from(env::var("CARGO_MANIFEST_DIR").unwrap());
    // In the workspace the pack lives at the top level; a packaged crate carries a copy.
    let root = [manifest.join("../../patterns"), manifest.join("patterns")]
        .into_iter()
        .find(|p| p.join("pack.toml").exists())
        .expect("built-in pack not found: expected patterns/pack.toml");
    let root = root.canonicalize().unwrap();
    println!("cargo:rerun-if-changed={}", root.display());
    let mut files = vec![root.join("pack.toml")];
    let rules = root.join("rules");
    println!("cargo:rerun-if-changed={}", rules.display());
    if let Ok(dir) = fs::read_dir(&rules) {
        let mut more: Vec<PathBuf> = dir
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|e| e == "toml"))
            .collect();
        more.sort();
        files.extend(more);
    }
    let mut out = String::from("/// The built-in pack's files: (name, TOML text).\npub(crate) static FILES: &[(&str, &str)] = &[\n");
    for f in &files {
        println!("cargo:rerun-if-changed={}", f.display());
        let name = format!("patterns/{}", f.strip_prefix(&root).unwrap().display());
        out.push_str(&format!(
            "    ({name:?}, include_str!({:?})),\n",
            f.display().to_string()
        ));
    }
    out.push_str("];\n");
    fs::write(
        PathBuf::from(env::var("OUT_DIR").unwrap()).join("builtin_files.rs"),
        out,
    )
    .unwrap();
}
