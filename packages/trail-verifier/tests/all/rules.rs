//! The rules a vote was decided under are committed by the release log's `decision` (SPEC
//! 4.4, 6): they must be the proposal answer's, rules council-vote accepts, and the recorded
//! outcome must follow from them. A first-version decision, without rules, still verifies.
//! Forged bundles, every hash and commitment recomputed.

use berty_interface::council_vote::{ProposalStatus, Rejection, RejectionReason, Rules};
use berty_interface::release::ReleaseEventData;
use berty_interface::College;
use berty_trail_verifier::tally::rules_text;
use berty_trail_verifier::{render, verify, Bundle, LogId, Problem, VerifyError};
use cosmwasm_std::Decimal;

use crate::fixture::{bundle, recommit, Variant};

/// Release log seqs of the standard story.
const DECISION_1: u64 = 2;
const DECISION_2: u64 = 4;

/// The standard rules, as `rules_text` writes them.
const STANDARD: &str = "activists quorum 0.666666666666666666, threshold 0.5; technologists quorum 0.666666666666666666, threshold 0.5; voting period 604800 s; revoting not allowed; execution window 1209600 s";

/// The rules committed by the decision at `seq`.
fn committed(bundle: &mut Bundle, seq: u64) -> &mut Option<Rules> {
    match &mut bundle.release_log[seq as usize].event.data {
        ReleaseEventData::Decision { rules, .. } => rules,
        other => panic!("not a decision: {other:?}"),
    }
}

/// Commits `rules` in the decision of vote `vote` (0 or 1), in the release answer too when
/// that decision is the last one.
fn commit_rules(bundle: &mut Bundle, vote: usize, rules: Option<Rules>) {
    let seq = [DECISION_1, DECISION_2][vote];
    *committed(bundle, seq) = rules.clone();
    if vote == 1 {
        bundle.release.decision.as_mut().unwrap().rules = rules;
    }
}

/// The answer of vote `vote` shows `rules`, its deadline moved with the voting period.
fn answer_rules(bundle: &mut Bundle, vote: usize, rules: Rules) {
    let p = &mut bundle.votes[vote].proposal;
    p.deadline = p.opened_at.plus_seconds(rules.voting_period);
    p.rules = rules;
}

/// The same rules committed and answered for vote `vote`.
fn decided_under(bundle: &mut Bundle, vote: usize, rules: Rules) {
    commit_rules(bundle, vote, Some(rules.clone()));
    answer_rules(bundle, vote, rules);
}

fn standard_rules() -> Rules {
    bundle(Variant::Standard).votes[1].proposal.rules.clone()
}

fn refused(bundle: &Bundle) -> String {
    verify(bundle, &[])
        .expect_err("the bundle must be refused")
        .to_string()
}

#[test]
fn the_fixture_commits_the_rules_of_each_decision() {
    let mut b = bundle(Variant::Standard);
    for (vote, seq) in [(0, DECISION_1), (1, DECISION_2)] {
        let answered = b.votes[vote].proposal.rules.clone();
        assert_eq!(committed(&mut b, seq).as_ref(), Some(&answered));
    }
    assert_eq!(rules_text(&standard_rules()), STANDARD);
}

#[test]
fn committed_rules_that_differ_from_the_answer_are_refused() {
    // the decision commits to a threshold of 0.6 in activists (an outcome that would not
    // change: 2 yes of 3), the answer shows 0.5
    let mut stricter = standard_rules();
    stricter.activists.threshold = Decimal::percent(60);
    let mut b = bundle(Variant::Standard);
    commit_rules(&mut b, 1, Some(stricter));
    recommit(&mut b);
    let committed = STANDARD.replacen("threshold 0.5", "threshold 0.6", 1);
    assert_eq!(
        verify(&b, &[]).unwrap_err(),
        VerifyError::Event {
            log: LogId::Release,
            seq: DECISION_2,
            problem: Problem::RulesMismatch {
                committed: committed.clone(),
                answered: STANDARD.into(),
            },
        }
    );
    assert_eq!(
        refused(&b),
        format!("release log, seq 4: the decision was recorded under rules {committed}, the proposal answer shows {STANDARD}")
    );

    // the other way round: the answer shows another execution window (which no tally
    // depends on) than the committed one
    let mut b = bundle(Variant::Standard);
    let mut shorter = standard_rules();
    shorter.execution_window = 7 * 24 * 3600;
    answer_rules(&mut b, 0, shorter);
    recommit(&mut b);
    assert_eq!(
        refused(&b),
        format!(
            "release log, seq 2: the decision was recorded under rules {STANDARD}, the proposal answer shows {}",
            STANDARD.replace("execution window 1209600 s", "execution window 604800 s")
        )
    );
}

#[test]
fn committed_rules_that_council_vote_refuses_are_refused() {
    type Change = fn(&mut Rules);
    let cases: [(Change, &str, &str); 4] = [
        // a quorum of 0 would pass a proposal with no turnout at all
        (
            |r| r.activists.quorum = Decimal::zero(),
            "activists quorum 0, threshold 0.5",
            "rules.activists.quorum must be above 0 and at most 1",
        ),
        (
            |r| r.execution_window = 0,
            "execution window 0 s",
            "rules.execution_window must be more than 0 seconds and at most a year",
        ),
        (
            |r| r.execution_window = 365 * 24 * 3600 + 1,
            "execution window 31536001 s",
            "rules.execution_window must be more than 0 seconds and at most a year",
        ),
        (
            |r| r.voting_period = 365 * 24 * 3600 + 1,
            "voting period 31536001 s",
            "rules.voting_period must be more than 0 seconds and at most a year",
        ),
    ];
    for (change, shown, reason) in cases {
        let mut rules = standard_rules();
        change(&mut rules);
        let text = rules_text(&rules);
        assert!(text.contains(shown), "{text}");
        let mut b = bundle(Variant::Standard);
        decided_under(&mut b, 1, rules);
        recommit(&mut b);
        assert_eq!(
            refused(&b),
            format!(
                "release log, seq 4: the rules {text} are not rules council-vote accepts: {reason}"
            )
        );
    }

    // A threshold of 1 (nothing can pass) is refused too, but by the vote's own replay
    // first: under it the first activist's ballot already decided the vote, so the
    // contract would have refused the next one.
    let mut rules = standard_rules();
    rules.activists.threshold = Decimal::one();
    let mut b = bundle(Variant::Standard);
    decided_under(&mut b, 1, rules);
    recommit(&mut b);
    let failure = verify(&b, &[]).unwrap_err();
    assert!(
        matches!(
            failure,
            VerifyError::Event {
                log: LogId::Ballots { proposal_id: 2 },
                seq: 1,
                problem: Problem::BallotAfterDecided { .. }
            }
        ),
        "{failure}"
    );
}

/// The standard bundle with the second vote's ballot of the third activist (its `no`,
/// seq 2) moved last in the ballots log: under a threshold of 0.7 in activists only that
/// last ballot decides the vote, so no ballot comes after the vote was decided.
fn no_go_ballot_last() -> Bundle {
    let mut b = bundle(Variant::Standard);
    let log = &mut b.votes[1].ballots_log;
    let no = log.remove(2);
    log.push(no);
    for (seq, entry) in (0..).zip(log.iter_mut()) {
        entry.event.seq = seq;
    }
    recommit(&mut b);
    b
}

#[test]
fn a_recorded_outcome_that_does_not_follow_from_the_committed_rules_is_refused() {
    // under the standard rules the two activists' yes and the technologists had decided
    // the vote before that last ballot: when the vote settles follows from the rules too
    let a2 = &crate::fixture::story(Variant::Standard).people.activists[2].addr;
    assert_eq!(
        refused(&no_go_ballot_last()),
        format!("ballots log of proposal 2, seq 5: ballot of {a2} comes after the vote was decided (no remaining ballot could change its outcome)")
    );

    // A forger commits a stricter threshold (0.7 in activists: 2 yes of 3 is not enough)
    // and changes the answer to match, keeping `passed`.
    let mut stricter = standard_rules();
    stricter.activists.threshold = Decimal::percent(70);
    let mut b = no_go_ballot_last();
    decided_under(&mut b, 1, stricter.clone());
    recommit(&mut b);
    assert_eq!(
        refused(&b),
        "vote of proposal 2: the decision is recorded as passed: true, the rules give passed: false"
    );
    // The answer made to agree with those rules (rejected for threshold in activists): the
    // decision's `passed` does not follow from the rules it commits to.
    let p = &mut b.votes[1].proposal;
    p.status = ProposalStatus::Rejected;
    p.rejection = Some(Rejection {
        reason: RejectionReason::ThresholdNotMet,
        college: College::Activists,
    });
    recommit(&mut b);
    assert_eq!(
        verify(&b, &[]).unwrap_err(),
        VerifyError::Event {
            log: LogId::Release,
            seq: DECISION_2,
            problem: Problem::OutcomeMismatch {
                recorded: true,
                derived: false,
            },
        }
    );
    assert_eq!(
        refused(&b),
        "release log, seq 4: the decision is recorded as passed: true, the rules give passed: false"
    );

    // The other way: a lower quorum in activists (0.3: one ballot of three is a turnout)
    // committed for the first vote, whose rejection for turnout then does not follow.
    let mut lower = standard_rules();
    lower.activists.quorum = Decimal::percent(30);
    let mut b = bundle(Variant::Standard);
    decided_under(&mut b, 0, lower);
    let p = &mut b.votes[0].proposal;
    p.status = ProposalStatus::Passed;
    p.rejection = None;
    recommit(&mut b);
    assert_eq!(
        refused(&b),
        "release log, seq 2: the decision is recorded as passed: false, the rules give passed: true"
    );
}

#[test]
fn the_deadline_and_an_early_decision_follow_from_the_committed_rules() {
    // A voting period of 30 days, committed and answered (with its deadline): the first
    // vote's decision, 8 days after it opened, comes before the deadline, and one activist's
    // ballot of three had not settled the vote.
    let mut longer = standard_rules();
    longer.voting_period = 30 * 24 * 3600;
    let mut b = bundle(Variant::Standard);
    decided_under(&mut b, 0, longer);
    recommit(&mut b);
    assert_eq!(
        refused(&b),
        "release log, seq 2: the decision comes before the deadline while remaining ballots could still change the outcome"
    );
}

#[test]
fn a_first_version_decision_without_rules_still_verifies() {
    // Decisions recorded before the release log committed to rules have none: their hashed
    // bytes are those of the first version, and the account says the rules are the answer's.
    let mut b = bundle(Variant::Standard);
    for vote in [0, 1] {
        commit_rules(&mut b, vote, None);
    }
    recommit(&mut b);
    let hashed = serde_json::to_string(&b.release_log[DECISION_2 as usize].event.data).unwrap();
    assert!(!hashed.contains("rules"), "{hashed}");
    let verified = verify(&b, &[]).unwrap();
    assert!(verified.votes.iter().all(|v| !v.rules_committed));
    assert!(verified.votes[1].outcome.passed());
    let text = render(&b);
    for expected in [
        format!("ballots log 6 events ({}); rules not committed (a decision of the first version)\n", b.votes[1].proposal.ballots_log.head),
        format!("rules, as the council answers them (its decision, of the first version, does not commit to them): {STANDARD}\n"),
    ] {
        assert!(text.contains(&expected), "{expected:?} missing from:\n{text}");
    }
    assert!(!text.contains("committed by the release log's decision"));

    // a decision of the first version followed by one that commits (the contracts were
    // migrated between the two votes): each is read as it is
    let mut b = bundle(Variant::Standard);
    commit_rules(&mut b, 0, None);
    recommit(&mut b);
    let verified = verify(&b, &[]).unwrap();
    let committed: Vec<bool> = verified.votes.iter().map(|v| v.rules_committed).collect();
    assert_eq!(committed, [false, true]);
}
