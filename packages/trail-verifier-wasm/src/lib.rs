//! The offline verifier of `berty-trail verify`, for a web page: the same crate, so the
//! contracts, the command and the page share one decision rule.
//!
//! A minimal C ABI, called with `WebAssembly.instantiate` (no wasm-bindgen):
//! - `trail_alloc(len) -> ptr` and `trail_free(ptr, len)` for the caller's input buffers;
//! - `verify_trail(bundle_ptr, bundle_len, files_ptr, files_len, head_ptr, head_len) -> ptr`, where
//!   the files are the artifact files, each `u32 LE name length, name, u32 LE byte length,
//!   bytes`, and the head an expected release log head (empty: not compared);
//! - `render_trail(bundle_ptr, bundle_len) -> ptr`: the account `berty-trail render` writes.
//!
//! Each answer is `u32 LE length` then that many bytes of UTF-8 JSON (see [`Answer`]); the
//! caller frees it with `trail_free(ptr, 4 + length)`.

use berty_trail_verifier::render::summary;
use berty_trail_verifier::{render, verify, ArtifactFile, Bundle, VerifyError};
use serde::Serialize;

/// What `verify` and `render` answer, as JSON.
#[derive(Serialize, Debug, PartialEq, Eq)]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum Answer {
    /// Everything held: `summary` is `berty-trail verify`'s account, `account` the rendered
    /// trail (for `verify`), the release log head and what the files matched.
    Verified {
        version: String,
        release_id: String,
        status: String,
        release_log_head: String,
        release_log_length: u64,
        signatures_checked: usize,
        artifacts: Vec<MatchedFile>,
        summary: String,
        account: String,
    },
    /// The first thing that failed, as `berty-trail verify` prints it after `FAILED: `.
    Failed { failure: String },
    /// The input is not a bundle (or the call is malformed): `berty-trail`'s exit 2.
    Unreadable { error: String },
    /// `render`'s answer for a readable bundle.
    Rendered { account: String },
}

/// An artifact file that matched a finalized artifact.
#[derive(Serialize, Debug, PartialEq, Eq)]
pub struct MatchedFile {
    pub file: String,
    pub artifact: String,
    pub digest: String,
}

/// Decodes the artifact files of `verify`: `u32 LE name length, name, u32 LE length, bytes`.
pub fn decode_files(mut input: &[u8]) -> Result<Vec<ArtifactFile>, String> {
    fn take<'a>(input: &mut &'a [u8], what: &str) -> Result<&'a [u8], String> {
        let (len, rest) = input
            .split_first_chunk::<4>()
            .ok_or_else(|| format!("artifact files: no length for the {what}"))?;
        let len = u32::from_le_bytes(*len) as usize;
        if rest.len() < len {
            return Err(format!("artifact files: the {what} is cut short"));
        }
        let (value, rest) = rest.split_at(len);
        *input = rest;
        Ok(value)
    }
    let mut files = Vec::new();
    while !input.is_empty() {
        let name = take(&mut input, "name")?;
        let name = String::from_utf8(name.to_vec())
            .map_err(|_| "artifact files: a name is not UTF-8".to_string())?;
        let bytes = take(&mut input, "file")?.to_vec();
        files.push(ArtifactFile { name, bytes });
    }
    Ok(files)
}

/// `berty-trail verify BUNDLE [--artifact FILE]... [--trail-head HEX]`, on bytes.
pub fn verify_bundle(bundle: &[u8], files: &[u8], trail_head: &str) -> Answer {
    let bundle = match Bundle::from_json(bundle) {
        Ok(bundle) => bundle,
        Err(e) => {
            return Answer::Unreadable {
                error: format!("not a bundle: {e}"),
            }
        }
    };
    let files = match decode_files(files) {
        Ok(files) => files,
        Err(error) => return Answer::Unreadable { error },
    };
    let expected = trail_head.trim().to_ascii_lowercase();
    let checked = verify(&bundle, &files).and_then(|verified| {
        if !expected.is_empty() && expected != verified.release_log.head {
            return Err(VerifyError::TrailHeadMismatch {
                found: verified.release_log.head.clone(),
                expected,
            });
        }
        Ok(verified)
    });
    match checked {
        Ok(verified) => Answer::Verified {
            version: verified.version.clone(),
            release_id: verified.release_id.clone(),
            status: serde_json::to_value(verified.status)
                .ok()
                .and_then(|v| v.as_str().map(str::to_string))
                .unwrap_or_default(),
            release_log_head: verified.release_log.head.clone(),
            release_log_length: verified.release_log.length,
            signatures_checked: verified.signatures_checked,
            artifacts: verified
                .artifacts
                .iter()
                .map(|m| MatchedFile {
                    file: m.file.clone(),
                    artifact: m.artifact.clone(),
                    digest: m.digest.clone(),
                })
                .collect(),
            summary: summary(&verified),
            account: render(&bundle),
        },
        Err(failure) => Answer::Failed {
            failure: failure.to_string(),
        },
    }
}

/// `berty-trail render BUNDLE`, on bytes (a failing bundle is rendered with its failure).
pub fn render_bundle(bundle: &[u8]) -> Answer {
    match Bundle::from_json(bundle) {
        Ok(bundle) => Answer::Rendered {
            account: render(&bundle),
        },
        Err(e) => Answer::Unreadable {
            error: format!("not a bundle: {e}"),
        },
    }
}

/// The answer's JSON, behind its u32 LE length, in memory the caller frees.
fn answer(answer: &Answer) -> *mut u8 {
    let json = serde_json::to_vec(answer).unwrap_or_else(|_| {
        b"{\"outcome\":\"unreadable\",\"error\":\"unserializable answer\"}".to_vec()
    });
    let mut out = Vec::with_capacity(4 + json.len());
    out.extend_from_slice(&(json.len() as u32).to_le_bytes());
    out.extend_from_slice(&json);
    let mut out = out.into_boxed_slice();
    let ptr = out.as_mut_ptr();
    std::mem::forget(out);
    ptr
}

/// # Safety
/// `ptr, len` must be a buffer of `trail_alloc` (or empty: `len` 0).
unsafe fn input<'a>(ptr: *const u8, len: usize) -> &'a [u8] {
    if len == 0 {
        &[]
    } else {
        std::slice::from_raw_parts(ptr, len)
    }
}

/// A buffer of `len` bytes for the caller to fill; free it with `trail_free(ptr, len)`.
#[no_mangle]
pub extern "C" fn trail_alloc(len: usize) -> *mut u8 {
    let mut buf = vec![0u8; len].into_boxed_slice();
    let ptr = buf.as_mut_ptr();
    std::mem::forget(buf);
    ptr
}

/// Frees a buffer of `trail_alloc` or an answer (`len` = 4 + its length).
///
/// # Safety
/// `ptr, len` must be exactly a buffer this module handed out, freed once.
#[no_mangle]
pub unsafe extern "C" fn trail_free(ptr: *mut u8, len: usize) {
    if len != 0 {
        drop(Box::from_raw(std::ptr::slice_from_raw_parts_mut(ptr, len)));
    }
}

/// See the crate's documentation.
///
/// # Safety
/// Each `(ptr, len)` must be a buffer of `trail_alloc`, or `len` 0.
#[no_mangle]
pub unsafe extern "C" fn verify_trail(
    bundle_ptr: *const u8,
    bundle_len: usize,
    files_ptr: *const u8,
    files_len: usize,
    head_ptr: *const u8,
    head_len: usize,
) -> *mut u8 {
    let head = String::from_utf8_lossy(input(head_ptr, head_len)).into_owned();
    answer(&verify_bundle(
        input(bundle_ptr, bundle_len),
        input(files_ptr, files_len),
        &head,
    ))
}

/// See the crate's documentation.
///
/// # Safety
/// `(ptr, len)` must be a buffer of `trail_alloc`, or `len` 0.
#[no_mangle]
pub unsafe extern "C" fn render_trail(bundle_ptr: *const u8, bundle_len: usize) -> *mut u8 {
    answer(&render_bundle(input(bundle_ptr, bundle_len)))
}
