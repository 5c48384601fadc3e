//! Test helpers shared by every Berty DAO test: contract wrappers for cw-multi-test,
//! secp256k1 test keys with their addresses, and suites that set contracts up.

pub mod contracts;
#[cfg(feature = "council")]
pub mod council;
#[cfg(all(feature = "registry", feature = "council", feature = "release"))]
pub mod dao;
pub mod gas;
pub mod keys;
pub mod membership;
pub mod mock_release;
#[cfg(feature = "registry")]
pub mod registry;

pub use keys::TestKey;

/// Asserts that an error's text carries `expected`'s (a contract error, as its Display).
#[track_caller]
pub fn assert_error(actual: impl std::fmt::Display, expected: impl std::fmt::Display) {
    let (actual, expected) = (actual.to_string(), expected.to_string());
    assert!(
        actual.contains(&expected),
        "expected the error {expected:?}, got {actual:?}"
    );
}

/// Genesis members with a seat in each college that has none (named `seat-activists`,
/// `seat-technologists`): membership refuses a state with an empty college (SPEC 4.1),
/// so a suite about something else gets the two seats it needs.
pub fn with_council_seats(
    mut members: Vec<(String, berty_interface::Role)>,
) -> Vec<(String, berty_interface::Role)> {
    for college in berty_interface::College::ALL {
        let role = berty_interface::Role::Council { college };
        if !members.iter().any(|(_, r)| *r == role) {
            members.push((format!("seat-{}", college.as_str()), role));
        }
    }
    members
}
