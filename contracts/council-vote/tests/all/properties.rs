//! Property tests: the contract's decision is a plain reference computation's, and an
//! early decision is the one the deadline would have given.

use std::collections::HashMap;

use berty_council_vote::ContractError;
use berty_interface::council_vote::{
    CollegeRules, CollegeTally, ProposalStatus, Rejection, RejectionReason, Rules, Tally, Vote,
};
use berty_interface::tally::{early_outcome, final_outcome, Outcome};
use berty_interface::College;
use cosmwasm_std::{Addr, Decimal};
use proptest::prelude::*;
use proptest::strategy::ValueTree;
use proptest::test_runner::{TestCaseError, TestRunner};

use crate::harness::Harness;

const ONE: u128 = 1_000_000_000_000_000_000;

/// The reference: SPEC's two tests in plain integers on the Decimals' atomics.
fn reference_college(
    rules: &CollegeRules,
    y: u128,
    n: u128,
    a: u128,
    e: u128,
) -> Option<RejectionReason> {
    if (y + n + a) * ONE < rules.quorum.atomics().u128() * e {
        Some(RejectionReason::TurnoutNotMet)
    } else if y * ONE <= rules.threshold.atomics().u128() * (y + n) {
        Some(RejectionReason::ThresholdNotMet)
    } else {
        None
    }
}

fn reference_college_passes(rules: &CollegeRules, t: &CollegeTally) -> bool {
    reference_college(
        rules,
        t.yes.into(),
        t.no.into(),
        t.abstain.into(),
        t.eligible.into(),
    )
    .is_none()
}

fn reference(rules: &Rules, tally: &Tally) -> (ProposalStatus, Option<Rejection>) {
    for college in College::ALL {
        let t = tally.college(college);
        if let Some(reason) = reference_college(
            rules.college(college),
            t.yes.into(),
            t.no.into(),
            t.abstain.into(),
            t.eligible.into(),
        ) {
            return (
                ProposalStatus::Rejected,
                Some(Rejection { reason, college }),
            );
        }
    }
    (ProposalStatus::Passed, None)
}

/// Quorums and thresholds: the edges, SPEC's defaults, and anything in between.
fn decimal(max_atomics: u128) -> impl Strategy<Value = Decimal> {
    prop_oneof![
        Just(0u128),
        Just(ONE / 2),
        Just(666_666_666_666_666_666u128),
        Just(max_atomics),
        0..=max_atomics,
    ]
    .prop_map(|atomics| Decimal::new(cosmwasm_std::Uint128::new(atomics)))
}

/// A quorum above 0 (council-vote refuses 0), a threshold below 1.
fn college_rules() -> impl Strategy<Value = CollegeRules> {
    (
        decimal(ONE).prop_filter("a quorum above 0", |q| !q.is_zero()),
        decimal(ONE - 1),
    )
        .prop_map(|(quorum, threshold)| CollegeRules { quorum, threshold })
}

fn rules() -> impl Strategy<Value = Rules> {
    (college_rules(), college_rules(), any::<bool>()).prop_map(
        |(activists, technologists, allow_revoting)| Rules {
            voting_period: 600,
            allow_revoting,
            activists,
            technologists,
            execution_window: 600,
        },
    )
}

fn vote() -> impl Strategy<Value = Vote> {
    prop_oneof![Just(Vote::Yes), Just(Vote::No), Just(Vote::Abstain)]
}

/// College sizes 1 to 200, small ones often (they decide early most often).
fn sizes() -> impl Strategy<Value = (usize, usize)> {
    let size = || prop_oneof![1usize..=8, 1usize..=200];
    (size(), size())
}

/// A council leaning yes, no, or undecided.
fn leaning_vote(lean: u8) -> BoxedStrategy<Vote> {
    let (yes, no) = match lean {
        0 => (8, 1),
        1 => (1, 8),
        _ => (1, 1),
    };
    prop_oneof![yes => Just(Vote::Yes), no => Just(Vote::No), 1 => Just(Vote::Abstain)].boxed()
}

/// (college, member index, vote): indices beyond the college wrap around.
fn ballots() -> impl Strategy<Value = Vec<(bool, usize, Vote)>> {
    (0u8..3).prop_flat_map(|lean| {
        proptest::collection::vec((any::<bool>(), 0usize..200, leaning_vote(lean)), 0..300)
    })
}

fn count(t: &mut CollegeTally, vote: Vote) -> &mut u64 {
    match vote {
        Vote::Yes => &mut t.yes,
        Vote::No => &mut t.no,
        Vote::Abstain => &mut t.abstain,
    }
}

/// A tally from the latest ballot of each voter.
fn tally_of(sizes: (usize, usize), ballots: &HashMap<Addr, (College, Vote)>) -> Tally {
    let mut tally = Tally::default();
    tally.activists.eligible = sizes.0 as u64;
    tally.technologists.eligible = sizes.1 as u64;
    for (college, vote) in ballots.values() {
        *count(tally.college_mut(*college), *vote) += 1;
    }
    tally
}

/// Plays a ballot sequence against the contract: every ballot is accepted or refused
/// exactly as the rules say, the tally is the reference's, and the decision — early or at
/// the deadline — is the reference's; an early one is what the deadline would have given
/// had every remaining ballot of the sequence been counted. Returns the early decision.
fn play(
    (activists, technologists): (usize, usize),
    rules: Rules,
    sequence: Vec<(bool, usize, Vote)>,
) -> Result<Option<ProposalStatus>, TestCaseError> {
    let mut harness = Harness::new(activists, technologists, rules.clone());
    let id = harness.open_release_vote();
    let sizes = (activists, technologists);
    let mut accepted: HashMap<Addr, (College, Vote)> = HashMap::new();
    // every ballot of the sequence, as if none were refused for an early decision
    let mut unfrozen: HashMap<Addr, (College, Vote)> = HashMap::new();
    let mut decided_early: Option<ProposalStatus> = None;
    for (technologist, index, vote) in sequence {
        let college = if technologist {
            College::Technologists
        } else {
            College::Activists
        };
        let members = harness.college(college);
        let voter = members[index % members.len()].clone();
        let revote = accepted.contains_key(&voter);
        if rules.allow_revoting || !unfrozen.contains_key(&voter) {
            unfrozen.insert(voter.clone(), (college, vote));
        }
        let result = harness.vote(&voter, id, vote);
        match (decided_early, revote && !rules.allow_revoting) {
            (Some(status), _) => {
                let refused = matches!(result, Err(ContractError::VotingClosed { status: s, .. }) if s == status);
                prop_assert!(refused, "{:?}", result);
            }
            (None, true) => {
                let refused = matches!(result, Err(ContractError::AlreadyVoted { .. }));
                prop_assert!(refused, "{:?}", result);
            }
            (None, false) => {
                prop_assert!(result.is_ok(), "{:?}", result);
                accepted.insert(voter, (college, vote));
                let answer = harness.proposal(id);
                prop_assert_eq!(answer.tally, tally_of(sizes, &accepted));
                if answer.status != ProposalStatus::Open {
                    prop_assert_eq!(
                        (answer.status, answer.rejection),
                        reference(&rules, &answer.tally)
                    );
                    decided_early = Some(answer.status);
                }
            }
        }
    }
    let open_tally = tally_of(sizes, &accepted);
    harness.env.block.time = harness.env.block.time.plus_seconds(600);
    let answer = harness.proposal(id);
    prop_assert_eq!(answer.tally, open_tally);
    prop_assert_eq!(
        (answer.status, answer.rejection),
        reference(&rules, &open_tally)
    );
    if let Some(early) = decided_early {
        prop_assert_eq!(early, answer.status);
        let (deadline, _) = reference(&rules, &tally_of(sizes, &unfrozen));
        prop_assert_eq!(
            early,
            deadline,
            "early decision differs from the deadline's"
        );
    }
    Ok(decided_early)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn contract_decides_as_the_reference(sizes in sizes(), rules in rules(), sequence in ballots()) {
        play(sizes, rules, sequence)?;
    }

    /// In small colleges, every reachable final tally can be listed: the early decision is
    /// taken exactly when all of them give one outcome, and it is that outcome.
    #[test]
    fn early_decision_exactly_when_no_completion_can_change_it(
        sizes in (1u64..=5, 1u64..=5),
        rules in rules(),
        votes in proptest::collection::vec(vote(), 0..10),
        split in any::<u8>(),
    ) {
        let mut tally = Tally::default();
        tally.activists.eligible = sizes.0;
        tally.technologists.eligible = sizes.1;
        for (i, vote) in votes.into_iter().enumerate() {
            let college = if (split >> (i % 8)) & 1 == 1 { College::Technologists } else { College::Activists };
            let t = tally.college_mut(college);
            if t.yes + t.no + t.abstain < t.eligible {
                *count(t, vote) += 1;
            }
        }
        // each college's reachable pass/fail values
        let reachable = |college: College| {
            let t = tally.college(college);
            let (e, cast) = (t.eligible, t.yes + t.no + t.abstain);
            let mut outcomes = vec![];
            for y in 0..=e {
                for n in 0..=e - y {
                    for a in 0..=e - y - n {
                        let reachable = if rules.allow_revoting {
                            y + n + a >= cast
                        } else {
                            y >= t.yes && n >= t.no && a >= t.abstain
                        };
                        if reachable {
                            let end = CollegeTally { yes: y, no: n, abstain: a, eligible: e };
                            outcomes.push(reference_college_passes(rules.college(college), &end));
                        }
                    }
                }
            }
            outcomes
        };
        let (a, t) = (reachable(College::Activists), reachable(College::Technologists));
        let finals: Vec<bool> = a.iter().flat_map(|pa| t.iter().map(move |pt| *pa && *pt)).collect();
        let settled = finals.iter().all(|f| *f == finals[0]);
        match early_outcome(&rules, &tally) {
            Some(outcome) => {
                prop_assert!(settled, "decided {:?} while finals differ", outcome);
                prop_assert_eq!(outcome.passed(), finals[0]);
                prop_assert_eq!(outcome, final_outcome(&rules, &tally));
            }
            None => prop_assert!(!settled, "undecided though every completion gives {}", finals[0]),
        }
        let reference_final = reference(&rules, &tally);
        let ours = match final_outcome(&rules, &tally) {
            Outcome::Passed => (ProposalStatus::Passed, None),
            Outcome::Rejected(r) => (ProposalStatus::Rejected, Some(r)),
        };
        prop_assert_eq!(ours, reference_final);
    }
}

/// The properties above are not vacuous: over as many cases, the contract decides early
/// both ways, and leaves some proposals to their deadline.
#[test]
fn the_sequences_reach_early_decisions_of_both_kinds() {
    let mut runner = TestRunner::deterministic();
    let strategy = (sizes(), rules(), ballots());
    let mut seen = HashMap::new();
    for _ in 0..256 {
        let (sizes, rules, sequence) = strategy.new_tree(&mut runner).unwrap().current();
        let early = play(sizes, rules, sequence).unwrap();
        *seen.entry(early).or_insert(0u32) += 1;
    }
    println!("early decisions over 256 cases: {seen:?}");
    for outcome in [
        None,
        Some(ProposalStatus::Passed),
        Some(ProposalStatus::Rejected),
    ] {
        assert!(
            seen.get(&outcome).copied().unwrap_or(0) >= 10,
            "{outcome:?}: {seen:?}"
        );
    }
}
