//! Loads every `artifacts/*.wasm` into the CosmWasm VM the way `cosmwasm-check` does (static
//! checks against a chain's capabilities, then compilation with Wasmer), and checks each
//! artifact's size, entry points and line in `artifacts/checksums.txt`.
//! Build the artifacts first with `scripts/build.sh`.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use cosmwasm_vm::internals::{check_wasm, compile_module, Logger};
use cosmwasm_vm::{capabilities_from_csv, VmResult, WasmLimits};
use sha2::{Digest, Sha256};

/// What a current wasmd chain offers. `cosmwasm-check` 3 also offers `ibc2` by default; we
/// leave it out so that an artifact passing here passes there and on chains without IBC v2.
const CHAIN_CAPABILITIES: &str = "iterator,staking,stargate,cosmwasm_1_1,cosmwasm_1_2,\
    cosmwasm_1_3,cosmwasm_1_4,cosmwasm_2_0,cosmwasm_2_1,cosmwasm_2_2";

/// Largest artifact we accept (wasmd's upload limit is 800 KiB).
const MAX_ARTIFACT_BYTES: usize = 800 * 1024;

/// Entry points every contract exports (SPEC section 2). `cosmwasm-check` requires none of
/// them, so a contract built with its `library` feature on would pass it without them.
const ENTRY_POINTS: &[&str] = &["instantiate", "execute", "query", "migrate"];

/// SPEC section 2: results never travel through sub-message replies.
const FORBIDDEN_EXPORTS: &[&str] = &["reply"];

fn artifacts_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../artifacts")
}

/// The wasm artifacts, sorted by file name; fails if there are none.
fn artifacts() -> Vec<(String, Vec<u8>)> {
    let dir = artifacts_dir();
    let entries = fs::read_dir(&dir).unwrap_or_else(|e| {
        panic!(
            "cannot read {}: {e}; run scripts/build.sh first",
            dir.display()
        )
    });
    let mut found: Vec<(String, Vec<u8>)> = entries
        .map(|entry| entry.expect("artifacts dir entry").path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "wasm"))
        .map(|path| {
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            let wasm = fs::read(&path).unwrap_or_else(|e| panic!("reading {name}: {e}"));
            (name, wasm)
        })
        .collect();
    assert!(
        !found.is_empty(),
        "no *.wasm in {}: run scripts/build.sh first",
        dir.display()
    );
    found.sort();
    found
}

/// The checks `cosmwasm-check` runs on one file; returns the module's export names.
fn vm_check(wasm: &[u8]) -> VmResult<Vec<String>> {
    let capabilities = capabilities_from_csv(CHAIN_CAPABILITIES);
    check_wasm(wasm, &capabilities, &WasmLimits::default(), Logger::Off)?;
    let (module, _engine) = compile_module(wasm, None)?;
    Ok(module.exports().map(|e| e.name().to_owned()).collect())
}

/// Everything wrong with one artifact, empty if nothing is.
fn problems(wasm: &[u8]) -> Vec<String> {
    let mut problems = Vec::new();
    if wasm.len() > MAX_ARTIFACT_BYTES {
        problems.push(format!(
            "{} bytes, more than the {MAX_ARTIFACT_BYTES} allowed",
            wasm.len()
        ));
    }
    match vm_check(wasm) {
        Err(e) => problems.push(format!("rejected by the VM: {e}")),
        Ok(exports) => {
            for missing in ENTRY_POINTS
                .iter()
                .filter(|&&e| !exports.iter().any(|x| x == e))
            {
                problems.push(format!("does not export the entry point `{missing}`"));
            }
            for extra in FORBIDDEN_EXPORTS
                .iter()
                .filter(|&&e| exports.iter().any(|x| x == e))
            {
                problems.push(format!("exports `{extra}`, which no contract may have"));
            }
        }
    }
    problems
}

#[test]
fn artifacts_pass_the_vm_checks() {
    let mut failures = Vec::new();
    for (name, wasm) in artifacts() {
        let found = problems(&wasm);
        if found.is_empty() {
            println!("{name}: {} bytes, pass", wasm.len());
        }
        failures.extend(found.into_iter().map(|p| format!("{name}: {p}")));
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

#[test]
fn checksums_txt_matches_the_artifacts() {
    let path = artifacts_dir().join("checksums.txt");
    let text = fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}; run scripts/build.sh", path.display()));
    // `sha256sum` format, as cosmwasm/optimizer writes it: "<hex>  <file name>".
    let listed: BTreeMap<String, String> = text
        .lines()
        .map(|line| {
            let (hex, name) = line
                .split_once("  ")
                .unwrap_or_else(|| panic!("malformed line in checksums.txt: {line:?}"));
            (name.to_owned(), hex.to_owned())
        })
        .collect();
    let actual: BTreeMap<String, String> = artifacts()
        .into_iter()
        .map(|(name, wasm)| (name, hex::encode(Sha256::digest(&wasm))))
        .collect();
    assert_eq!(
        listed, actual,
        "checksums.txt does not match the artifacts: run scripts/build.sh"
    );
}

// The check must be able to fail: hand-made modules it rejects, next to one it accepts.

/// A module with one memory and the exports the VM requires (`allocate`, `deallocate`,
/// `memory`), plus the marker export `interface_version_8` if `marker`. With `bulk_memory`,
/// `deallocate` runs a `memory.copy`, which the VM does not support (hence wasm-opt's
/// `--llvm-memory-copy-fill-lowering` in `scripts/build.sh`).
fn tiny_module(marker: bool, bulk_memory: bool) -> Vec<u8> {
    fn section(id: u8, items: &[Vec<u8>]) -> Vec<u8> {
        let mut body = vec![items.len() as u8];
        items.iter().for_each(|item| body.extend(item));
        assert!(body.len() < 128, "one-byte LEB128 sizes only");
        [vec![id, body.len() as u8], body].concat()
    }
    fn export(name: &str, kind: u8, index: u8) -> Vec<u8> {
        [&[name.len() as u8], name.as_bytes(), &[kind, index]].concat()
    }
    fn code(instructions: &[u8]) -> Vec<u8> {
        // size, no locals, instructions, `end`
        [&[instructions.len() as u8 + 2, 0], instructions, &[0x0b]].concat()
    }
    const I32: u8 = 0x7f;
    const FUNC: u8 = 0;
    const MEMORY: u8 = 2;
    let types = section(
        1,
        &[
            vec![0x60, 1, I32, 1, I32], // 0: (i32) -> i32
            vec![0x60, 1, I32, 0],      // 1: (i32) -> ()
            vec![0x60, 0, 0],           // 2: () -> ()
        ],
    );
    let functions = section(3, &[vec![0], vec![1], vec![2]]);
    let memories = section(5, &[vec![0x00, 1]]); // min 1 page, no max
    let mut exports = vec![
        export("memory", MEMORY, 0),
        export("allocate", FUNC, 0),
        export("deallocate", FUNC, 1),
    ];
    if marker {
        exports.push(export("interface_version_8", FUNC, 2));
    }
    let exports = section(7, &exports);
    let deallocate: &[u8] = if bulk_memory {
        // i32.const 0 (x3), memory.copy 0 0
        &[0x41, 0, 0x41, 0, 0x41, 0, 0xfc, 0x0a, 0, 0]
    } else {
        &[]
    };
    let codes = section(10, &[code(&[0x20, 0]), code(deallocate), code(&[])]);
    [
        b"\0asm\x01\0\0\0".to_vec(),
        types,
        functions,
        memories,
        exports,
        codes,
    ]
    .concat()
}

#[test]
fn check_accepts_a_minimal_contract_module() {
    let exports = vm_check(&tiny_module(true, false)).expect("minimal module passes");
    assert!(exports.iter().any(|e| e == "interface_version_8"));
    // It is still no contract of ours: it has no entry points.
    let found = problems(&tiny_module(true, false));
    assert_eq!(found.len(), ENTRY_POINTS.len(), "{found:?}");
}

#[test]
fn check_rejects_garbage() {
    assert!(vm_check(b"this is not a wasm module").is_err());
    assert!(vm_check(&[]).is_err());
}

#[test]
fn check_rejects_a_module_without_interface_version() {
    let err = vm_check(&tiny_module(false, false)).unwrap_err();
    assert!(err.to_string().contains("interface_version_*"), "{err}");
}

#[test]
fn check_rejects_bulk_memory() {
    let err = vm_check(&tiny_module(true, true)).unwrap_err();
    assert!(err.to_string().contains("bulk memory"), "{err}");
}

#[test]
fn problems_reports_oversize_artifacts() {
    let mut wasm = tiny_module(true, false);
    // A custom section ("pad") to push the module over the limit.
    let pad = MAX_ARTIFACT_BYTES;
    let mut size = Vec::new();
    let mut n = pad + 4;
    while n >= 0x80 {
        size.push((n as u8 & 0x7f) | 0x80);
        n >>= 7;
    }
    size.push(n as u8);
    wasm.push(0);
    wasm.extend(size);
    wasm.extend([3, b'p', b'a', b'd']);
    wasm.extend(vec![0; pad]);
    let found = problems(&wasm);
    assert!(
        found[0].contains("more than the 819200 allowed"),
        "{found:?}"
    );
}
