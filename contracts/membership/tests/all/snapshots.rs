//! `at_height: h` answers with the state at the start of block `h`.

use berty_interface::membership::CountsResponse;
use berty_interface::Role;
use berty_testing::membership::{member, MembershipSuite, ACTIVIST, SEATS, TECHNOLOGIST};

#[test]
fn member_and_counts_at_height() {
    // tia keeps the technologists seated while bob comes and goes
    let mut suite = MembershipSuite::new(&[
        ("alice", ACTIVIST),
        ("bob", TECHNOLOGIST),
        ("tia", TECHNOLOGIST),
    ]);
    let (alice, bob, zed) = (suite.addr("alice"), suite.addr("bob"), suite.addr("zed"));
    let h1 = suite.next_block();
    // block h1: alice becomes a CTR, zed joins and takes her seat
    suite
        .update_members(
            vec![member(&alice, Role::CoreTeamRep), member(&zed, ACTIVIST)],
            vec![],
        )
        .unwrap();
    // a second change in the same block: still one snapshot for h1
    suite.update_members(vec![], vec![&bob]).unwrap();
    let h2 = suite.next_block();
    // bob comes back as an activist, in zed's seat
    suite
        .update_members(vec![member(&bob, ACTIVIST)], vec![&zed])
        .unwrap();
    let h3 = suite.next_block();

    let at = |h| {
        (
            suite.member(&alice, Some(h)).role,
            suite.member(&bob, Some(h)).role,
            suite.member(&zed, Some(h)).role,
        )
    };
    assert_eq!(at(h1), (Some(ACTIVIST), Some(TECHNOLOGIST), None));
    assert_eq!(at(h2), (Some(Role::CoreTeamRep), None, Some(ACTIVIST)));
    assert_eq!(at(h3), (Some(Role::CoreTeamRep), Some(ACTIVIST), None));
    assert_eq!(at(h3 + 100), at(h3));

    let counts = |a, t, c| CountsResponse {
        activists: a,
        technologists: t,
        core_team_reps: c,
        auditors: 0,
    };
    assert_eq!(suite.counts(Some(h1)), counts(1, 2, 0));
    assert_eq!(suite.counts(Some(h2)), counts(1, 1, 1));
    assert_eq!(suite.counts(Some(h3)), counts(1, 1, 1));
    assert_eq!(suite.counts(None), counts(1, 1, 1));
    assert_eq!(suite.counts(Some(0)), CountsResponse::default());
}

#[test]
fn changes_in_a_block_are_not_visible_at_that_height() {
    let mut suite = MembershipSuite::new(&SEATS);
    let zed = suite.addr("zed");
    let h = suite.next_block();
    suite.grant_auditor(&zed).unwrap();
    assert_eq!(suite.member(&zed, Some(h)).role, None);
    assert_eq!(suite.member(&zed, None).role, Some(Role::Auditor));
    assert_eq!(suite.counts(Some(h)).auditors, 0);
    assert_eq!(suite.counts(Some(h + 1)).auditors, 1);
}
