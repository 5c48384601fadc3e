//! Synthetic but valid bundles: the four logs built with `berty_hashlog::Log` on mock
//! storage exactly as the contracts append them, and the answers that go with them.
//! `Variant`s change one fact of the story while keeping every hash and commitment
//! consistent, so the verifier must find the fact itself.

use berty_hashlog::{
    chain_hash, genesis_hash, pubkey_address_bytes, sha256, Event, Log, LogEntry, LogHead, LogName,
    NewEvent,
};
use berty_interface::audit_registry::{ReportEventData, ReportEventKind, ReportStatus};
use berty_interface::council_vote::{
    BallotEventData, BallotEventKind, BallotResponse, CollegeRules, ProposalKind, ProposalResponse,
    ProposalStatus, Rejection, RejectionReason, Rules, Tally, Vote,
};
use berty_interface::membership::{MemberEventData, MemberEventKind};
use berty_interface::release::{
    Artifact, BuildInfo, CouncilDecision, Publication, ReleaseEventData, ReleaseEventKind,
    ReleaseResponse, ReleaseStatus,
};
use berty_interface::signing::{signing_digest, BallotSigningPayload, ReportSigningPayload};
use berty_interface::{College, Role};
use berty_trail_verifier::{Bundle, Contracts, VoteBundle};
use cosmwasm_std::testing::{mock_env, MockApi, MockStorage};
use cosmwasm_std::{to_json_vec, Addr, Api, Binary, CanonicalAddr, Decimal, Env, Timestamp};
use k256::ecdsa::{signature::hazmat::PrehashSigner, Signature, SigningKey};
use serde::{de::DeserializeOwned, Serialize};

pub const CHAIN_ID: &str = "cosmos-testnet-14002";
pub const RELEASE_ID: &str = "30f8c755c391534f8c4c9873610b0f333586be92ec1808a10b58fb1039fc9970";
pub const ANDROID: &[u8] = b"the android build";
pub const IOS: &[u8] = b"the ios build";

/// A secp256k1 key and the `cosmwasm` address it hashes to.
pub struct Key {
    signing: SigningKey,
    pub addr: Addr,
}

impl Key {
    pub fn new(seed: &str) -> Self {
        let signing = SigningKey::from_slice(&sha256(seed.as_bytes())).unwrap();
        let pubkey = signing.verifying_key().to_encoded_point(true);
        let canonical = CanonicalAddr::from(pubkey_address_bytes(pubkey.as_bytes()).as_slice());
        let addr = MockApi::default().addr_humanize(&canonical).unwrap();
        Key { signing, addr }
    }

    pub fn pubkey(&self) -> Binary {
        Binary::from(
            self.signing
                .verifying_key()
                .to_encoded_point(true)
                .as_bytes(),
        )
    }

    pub fn sign(&self, digest: &[u8; 32]) -> Binary {
        let signature: Signature = self.signing.sign_prehash(digest).unwrap();
        Binary::from(signature.to_bytes().to_vec())
    }
}

/// The members of the story.
pub struct People {
    pub owner: Addr,
    pub activists: [Key; 3],
    pub technologists: [Key; 3],
    pub ctr: Key,
    /// A CTR who never registers a key.
    pub keyless_ctr: Key,
    pub auditor: Key,
    pub no_go_auditor: Key,
    pub outsider: Key,
}

impl People {
    fn new() -> Self {
        let keys = |prefix: &str| [0, 1, 2].map(|i| Key::new(&format!("{prefix}{i}")));
        People {
            owner: MockApi::default().addr_make("owner"),
            activists: keys("activist"),
            technologists: keys("technologist"),
            ctr: Key::new("ctr"),
            keyless_ctr: Key::new("keyless ctr"),
            auditor: Key::new("auditor"),
            no_go_auditor: Key::new("no-go auditor"),
            outsider: Key::new("outsider"),
        }
    }
}

/// One fact of the story changed, everything else kept consistent.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Variant {
    Standard,
    /// The `no_go` auditor keeps its role: the gate is blocked at the vote.
    NoGoStillCounted,
    /// An address without a role votes in the second vote.
    OutsiderBallot,
    /// An activist votes as a technologist.
    WrongCollege,
    /// The decision commits to the first vote's ballots head.
    DecisionWrongBallotsHead,
    /// An activist's signature signs another vote.
    BadBallotSignature,
    /// The auditor's signature signs another status.
    BadReportSignature,
    /// The publication carries an activist's key.
    PublisherWrongKey,
    /// A CTR without a registered key publishes with its own key.
    PublisherUnregisteredKey,
    /// An activist finalizes.
    FinalizerNotCtr,
    /// The decision claims the rejected first vote passed.
    DecisionClaimsPassed,
    /// A ballot's rationale text differs from the one logged.
    RationaleChanged,
    /// An activist votes twice in the second vote.
    DoubleVote,
    /// Valid: the rules allow revoting and an activist changes its signed ballot.
    Revoting,
    /// Valid: the candidate is withdrawn after its first vote was rejected.
    Withdrawn,
    /// The outsider becomes a technologist in the second vote's opening block and votes.
    GrantedInOpeningBlock,
    /// The only positive auditor is revoked after the second vote, before finalization.
    AuditorRevokedBeforeFinalization,
    /// The positive auditor reports `no_go` after the second vote, before finalization.
    NoGoBeforeFinalization,
    /// The keyless CTR publishes with its key and registers that key only later.
    PublisherKeyRegisteredLater,
    /// The first vote is decided (two activists say no) and a technologist votes after.
    BallotAfterDecided,
}

fn count(tally: &mut Tally, vote: Vote, college: College) -> &mut u64 {
    let counts = tally.college_mut(college);
    match vote {
        Vote::Yes => &mut counts.yes,
        Vote::No => &mut counts.no,
        Vote::Abstain => &mut counts.abstain,
    }
}

/// Five seconds a block, and eight days pass before block 26 and again before block 30,
/// so that each vote's decision may come at its deadline (a vote that no remaining ballot
/// can settle is decided only then).
pub fn time_of(height: u64) -> Timestamp {
    const DAYS_8: u64 = 8 * 24 * 3600;
    let gaps = u64::from(height >= 26) + u64::from(height >= 30);
    Timestamp::from_seconds(1_700_000_000 + height * 5 + gaps * DAYS_8)
}

fn default_rules(variant: Variant) -> Rules {
    let college = CollegeRules {
        quorum: "0.666666666666666666".parse().unwrap(),
        threshold: Decimal::percent(50),
    };
    Rules {
        voting_period: 7 * 24 * 3600,
        allow_revoting: variant == Variant::Revoting,
        activists: college,
        technologists: college,
        execution_window: 14 * 24 * 3600,
    }
}

type MemberLog = Log<MemberEventKind, MemberEventData>;
type ReportLog = Log<ReportEventKind, ReportEventData>;
type BallotLog = Log<BallotEventKind, BallotEventData>;
type ReleaseLog = Log<ReleaseEventKind, ReleaseEventData>;
const MEMBERS: MemberLog = Log::new(LogName::Members);
const REPORTS: ReportLog = Log::new(LogName::Reports);
const BALLOTS: BallotLog = Log::new(LogName::Ballots);
const RELEASE: ReleaseLog = Log::new(LogName::Release);

/// The chain under construction.
pub struct Story {
    pub variant: Variant,
    pub people: People,
    pub chain_id: String,
    pub contracts: Contracts,
    pub release_id: String,
    storage: MockStorage,
    height: u64,
    votes: Vec<VoteBundle>,
    release: ReleaseResponse,
    /// Keys registered so far: the contracts log the sender's with each of its acts.
    registered: Vec<(Addr, Binary)>,
}

impl Story {
    fn env(&self, contract: &Addr) -> Env {
        let mut env = mock_env();
        env.block.height = self.height;
        env.block.time = time_of(self.height);
        env.block.chain_id = self.chain_id.clone();
        env.contract.address = contract.clone();
        env
    }

    fn at(&mut self, height: u64) -> &mut Self {
        self.height = height;
        self
    }

    fn append<K, D>(
        &mut self,
        log: &Log<K, D>,
        contract: &Addr,
        key: &str,
        event: NewEvent<K, D>,
    ) -> LogHead
    where
        K: Serialize + DeserializeOwned + Clone,
        D: Serialize + DeserializeOwned + Clone + berty_hashlog::log::StoredData,
    {
        let env = self.env(contract);
        log.append(&mut self.storage, &env, key, event).unwrap()
    }

    fn head<K, D>(&self, log: &Log<K, D>, contract: &Addr, key: &str) -> LogHead
    where
        K: Serialize + DeserializeOwned + Clone,
        D: Serialize + DeserializeOwned + Clone + berty_hashlog::log::StoredData,
    {
        log.head(&self.storage, &self.env(contract), key).unwrap()
    }

    fn member_event(
        &mut self,
        actor: Addr,
        kind: MemberEventKind,
        data: MemberEventData,
        pubkey: Option<Binary>,
    ) {
        let membership = self.contracts.membership.clone();
        self.append(
            &MEMBERS,
            &membership,
            "dao",
            NewEvent {
                actor,
                pubkey,
                kind,
                data,
            },
        );
    }

    fn grant(&mut self, addr: &Addr, role: Role) {
        let owner = self.people.owner.clone();
        let data = MemberEventData::Role {
            addr: addr.clone(),
            role,
        };
        self.member_event(owner, MemberEventKind::Granted, data, None);
    }

    /// The key `addr` registered, if any: what the contracts log with its acts.
    pub fn registered_key(&self, addr: &Addr) -> Option<Binary> {
        self.registered
            .iter()
            .find(|(a, _)| a == addr)
            .map(|(_, key)| key.clone())
    }

    fn register_key(&mut self, key: &Key) {
        self.registered.push((key.addr.clone(), key.pubkey()));
        let data = MemberEventData::Pubkey {
            addr: key.addr.clone(),
            key: key.pubkey(),
        };
        self.member_event(
            key.addr.clone(),
            MemberEventKind::Pubkey,
            data,
            Some(key.pubkey()),
        );
    }

    fn report(&mut self, auditor: &Key, status: ReportStatus, signed_status: Option<ReportStatus>) {
        let uri = format!("ipfs://report-{}", self.height);
        let digest = hex::encode(sha256(uri.as_bytes()));
        let signature = signed_status.map(|signed| {
            auditor.sign(
                &signing_digest(&ReportSigningPayload {
                    chain_id: self.chain_id.clone(),
                    contract: self.contracts.audit_registry.to_string(),
                    release_id: self.release_id.clone(),
                    status: signed,
                    report_uri: uri.clone(),
                    report_digest: digest.clone(),
                })
                .unwrap(),
            )
        });
        let registry = self.contracts.audit_registry.clone();
        let pubkey = self.registered_key(&auditor.addr);
        let data = ReportEventData::Report {
            auditor: auditor.addr.clone(),
            status,
            report_uri: uri,
            report_digest: digest,
            signature,
        };
        let event = NewEvent {
            actor: auditor.addr.clone(),
            pubkey,
            kind: ReportEventKind::Report,
            data,
        };
        let release_id = self.release_id.clone();
        self.append(&REPORTS, &registry, &release_id, event);
    }

    fn release_event(
        &mut self,
        actor: &Addr,
        kind: ReleaseEventKind,
        data: ReleaseEventData,
        pubkey: Option<Binary>,
    ) {
        let release = self.contracts.release.clone();
        let event = NewEvent {
            actor: actor.clone(),
            pubkey,
            kind,
            data,
        };
        let release_id = self.release_id.clone();
        self.append(&RELEASE, &release, &release_id, event);
    }

    fn commitments(&self) -> (LogHead, LogHead) {
        (
            self.head(&REPORTS, &self.contracts.audit_registry, &self.release_id),
            self.head(&MEMBERS, &self.contracts.membership, "dao"),
        )
    }

    fn open_vote(&mut self, proposal_id: u64) {
        let (reports_log, members_log) = self.commitments();
        let ctr = self.people.ctr.addr.clone();
        let data = ReleaseEventData::VoteOpened {
            proposal_id,
            reports_log,
            members_log,
        };
        let key = self.registered_key(&ctr);
        self.release_event(&ctr, ReleaseEventKind::VoteOpened, data, key);
        let opened_at = time_of(self.height);
        let rules = default_rules(self.variant);
        let council = self.contracts.council_vote.clone();
        self.votes.push(VoteBundle {
            proposal: ProposalResponse {
                id: proposal_id,
                kind: ProposalKind::Release,
                status: ProposalStatus::Open,
                proposer: self.contracts.release.clone(),
                release_id: Some(self.release_id.clone()),
                title: format!("Release {}", self.release_id),
                description: String::new(),
                msgs: vec![],
                snapshot_height: self.height,
                opened_at,
                deadline: opened_at.plus_seconds(rules.voting_period),
                rules,
                tally: Tally::default(),
                rejection: None,
                decided_at: None,
                execution_deadline: None,
                closed: false,
                ballots_log: self.head(&BALLOTS, &council, &proposal_id.to_string()),
            },
            ballots: vec![],
            ballots_log: vec![],
        });
        // eligible: 3 per college at the snapshot
        let tally = &mut self.votes.last_mut().unwrap().proposal.tally;
        tally.activists.eligible = 3;
        tally.technologists.eligible = 3;
    }

    fn ballot(
        &mut self,
        voter: &Key,
        college: College,
        vote: Vote,
        rationale: Option<&str>,
        signed: bool,
    ) {
        let proposal_id = self.votes.last().unwrap().proposal.id;
        let council = self.contracts.council_vote.clone();
        let signature = signed.then(|| {
            let signed_vote = if self.variant == Variant::BadBallotSignature {
                Vote::No
            } else {
                vote
            };
            voter.sign(
                &signing_digest(&BallotSigningPayload {
                    chain_id: self.chain_id.clone(),
                    contract: council.to_string(),
                    proposal_id,
                    vote: signed_vote,
                    rationale: rationale.map(String::from),
                })
                .unwrap(),
            )
        });
        let pubkey = self.registered_key(&voter.addr);
        let data = BallotEventData {
            voter: voter.addr.clone(),
            college,
            vote,
            rationale_digest: rationale.map(|r| hex::encode(sha256(r.as_bytes()))),
            signature: signature.clone(),
        };
        let key = proposal_id.to_string();
        let event = NewEvent {
            actor: voter.addr.clone(),
            pubkey: pubkey.clone(),
            kind: BallotEventKind::Ballot,
            data,
        };
        let head = self.append(&BALLOTS, &council, &key, event);
        let height = self.height;
        let vote_bundle = self.votes.last_mut().unwrap();
        let tally = &mut vote_bundle.proposal.tally;
        *count(tally, vote, college) += 1;
        // a revote replaces the voter's ballot in the answers and the tally
        if self.variant == Variant::Revoting {
            if let Some(i) = vote_bundle
                .ballots
                .iter()
                .position(|b| b.voter == voter.addr)
            {
                let old = vote_bundle.ballots.remove(i);
                *count(&mut vote_bundle.proposal.tally, old.vote, old.college) -= 1;
            }
        }
        let rationale = match (self.variant, rationale) {
            (Variant::RationaleChanged, Some(text)) => Some(format!("{text} (edited)")),
            (_, text) => text.map(String::from),
        };
        vote_bundle.ballots.push(BallotResponse {
            proposal_id,
            voter: voter.addr.clone(),
            college,
            vote,
            rationale,
            signature,
            pubkey,
            height,
        });
        vote_bundle.ballots.sort_by(|a, b| a.voter.cmp(&b.voter));
        vote_bundle.proposal.ballots_log = head;
    }

    fn decide(&mut self, passed: bool, rejection: Option<Rejection>) {
        let council = self.contracts.council_vote.clone();
        let vote = self.votes.last_mut().unwrap();
        let proposal_id = vote.proposal.id;
        vote.proposal.status = if passed {
            ProposalStatus::Passed
        } else {
            ProposalStatus::Rejected
        };
        vote.proposal.rejection = rejection;
        vote.proposal.closed = true;
        vote.proposal.decided_at = Some(time_of(self.height));
        let tally = vote.proposal.tally;
        let rules = vote.proposal.rules.clone();
        let mut ballots_log = vote.proposal.ballots_log.clone();
        if self.variant == Variant::DecisionWrongBallotsHead && proposal_id == 2 {
            ballots_log = self.votes[0].proposal.ballots_log.clone();
            ballots_log.length = self.votes[1].proposal.ballots_log.length;
        }
        let claimed = passed || (self.variant == Variant::DecisionClaimsPassed && proposal_id == 1);
        let data = ReleaseEventData::Decision {
            proposal_id,
            passed: claimed,
            tally,
            ballots_log: ballots_log.clone(),
            rules: Some(rules.clone()),
        };
        self.release_event(&council, ReleaseEventKind::Decision, data, None);
        self.release.decision = Some(CouncilDecision {
            proposal_id,
            passed: claimed,
            tally,
            rules: Some(rules),
            ballots_head: ballots_log.head,
            ballots_count: ballots_log.length,
        });
        self.release.proposal_id = Some(proposal_id);
    }

    /// The bundle as an export would read it.
    pub fn bundle(&self) -> Bundle {
        let members = MEMBERS
            .page(
                &self.storage,
                &self.env(&self.contracts.membership),
                "dao",
                None,
                10_000,
            )
            .unwrap();
        let reports = REPORTS
            .page(
                &self.storage,
                &self.env(&self.contracts.audit_registry),
                &self.release_id,
                None,
                10_000,
            )
            .unwrap();
        let release_log = RELEASE
            .page(
                &self.storage,
                &self.env(&self.contracts.release),
                &self.release_id,
                None,
                10_000,
            )
            .unwrap();
        let votes = self
            .votes
            .iter()
            .map(|vote| VoteBundle {
                ballots_log: BALLOTS
                    .page(
                        &self.storage,
                        &self.env(&self.contracts.council_vote),
                        &vote.proposal.id.to_string(),
                        None,
                        10_000,
                    )
                    .unwrap()
                    .events,
                ..vote.clone()
            })
            .collect();
        Bundle::from_parts(
            self.chain_id.clone(),
            self.contracts.clone(),
            self.release.clone(),
            release_log.events,
            reports.events,
            votes,
            members.events,
        )
    }
}

pub fn digest_of(bytes: &[u8]) -> String {
    hex::encode(sha256(bytes))
}

/// Where the story happens and what it releases.
#[derive(Clone, Debug)]
pub struct Setting {
    pub chain_id: String,
    pub contracts: Contracts,
    pub release_id: String,
    pub version: String,
}

impl Setting {
    /// The standard story's: `CHAIN_ID`, the four contracts, `RELEASE_ID`, version 2.0.0.
    pub fn standard() -> Self {
        let api = MockApi::default();
        Setting {
            chain_id: CHAIN_ID.into(),
            contracts: Contracts {
                membership: api.addr_make("membership"),
                audit_registry: api.addr_make("audit-registry"),
                council_vote: api.addr_make("council-vote"),
                release: api.addr_make("release"),
            },
            release_id: RELEASE_ID.into(),
            version: "2.0.0".into(),
        }
    }

    /// The next release of the same DAO (same chain, contracts and members): another
    /// candidate, version 2.1.0.
    pub fn next_release() -> Self {
        Setting {
            release_id: digest_of(b"the source archive of berty 2.1.0"),
            version: "2.1.0".into(),
            ..Setting::standard()
        }
    }
}

/// The story: genesis members and keys; a candidate; a `go` report and a `no_go` report;
/// the `no_go` auditor loses its role; a first vote rejected for turnout; a new report; a
/// second vote passed; finalization with two artifacts; a publication.
pub fn story(variant: Variant) -> Story {
    story_in(variant, Setting::standard())
}

/// The story of `variant` in another setting (another chain, contracts or candidate). Its
/// members log is the same in every setting.
pub fn story_in(variant: Variant, setting: Setting) -> Story {
    let Setting {
        chain_id,
        contracts,
        release_id,
        version,
    } = setting;
    let people = People::new();
    let mut s = Story {
        variant,
        release: ReleaseResponse {
            release_id: release_id.clone(),
            version: version.clone(),
            status: ReleaseStatus::Released,
            proposer: people.ctr.addr.clone(),
            proposal_id: None,
            source_uri: format!("https://github.com/berty/berty/archive/v{version}.tar.gz"),
            commit: Some("0123456789abcdef0123456789abcdef01234567".into()),
            notes_uri: None,
            proposed_at: time_of(20),
            decision: None,
            artifacts: vec![],
            build: None,
            released_at: None,
            publications: vec![],
            withdrawn_reason: None,
        },
        people,
        chain_id,
        contracts,
        release_id,
        storage: MockStorage::new(),
        height: 10,
        votes: vec![],
        registered: vec![],
    };
    let activist = Role::Council {
        college: College::Activists,
    };
    let technologist = Role::Council {
        college: College::Technologists,
    };

    s.at(10);
    let grants: Vec<(Addr, Role)> = s
        .people
        .activists
        .iter()
        .map(|k| (k.addr.clone(), activist))
        .chain(
            s.people
                .technologists
                .iter()
                .map(|k| (k.addr.clone(), technologist)),
        )
        .chain([
            (s.people.ctr.addr.clone(), Role::CoreTeamRep),
            (s.people.keyless_ctr.addr.clone(), Role::CoreTeamRep),
            (s.people.auditor.addr.clone(), Role::Auditor),
            (s.people.no_go_auditor.addr.clone(), Role::Auditor),
        ])
        .collect();
    for (addr, role) in grants {
        s.grant(&addr, role);
    }
    s.at(11);
    for key in [
        &s.people.activists[0],
        &s.people.technologists[0],
        &s.people.ctr,
        &s.people.auditor,
    ]
    .map(Key::new_like)
    {
        s.register_key(&key);
    }

    // the candidate
    s.at(20);
    let ctr = s.people.ctr.addr.clone();
    let proposed = ReleaseEventData::Proposed {
        app_name: "Berty".into(),
        version: version.clone(),
        source_uri: s.release.source_uri.clone(),
        commit: s.release.commit.clone(),
        notes_uri: None,
    };
    let key = s.registered_key(&ctr);
    s.release_event(&ctr, ReleaseEventKind::Proposed, proposed, key);

    // reports
    let auditor = Key::new_like(&s.people.auditor);
    let no_go = Key::new_like(&s.people.no_go_auditor);
    let signed = if variant == Variant::BadReportSignature {
        ReportStatus::NoGo
    } else {
        ReportStatus::Go
    };
    s.at(21).report(&auditor, ReportStatus::Go, Some(signed));
    s.at(22).report(&no_go, ReportStatus::NoGo, None);
    if variant != Variant::NoGoStillCounted {
        s.at(23);
        let owner = s.people.owner.clone();
        let data = MemberEventData::Role {
            addr: no_go.addr.clone(),
            role: Role::Auditor,
        };
        s.member_event(owner, MemberEventKind::Revoked, data, None);
    }

    // first vote: one activist only, turnout not met
    s.at(24).open_vote(1);
    let [a0, a1, a2] = s.people.activists.each_ref().map(Key::new_like);
    let [t0, t1, t2] = s.people.technologists.each_ref().map(Key::new_like);
    s.at(25);
    if variant == Variant::BallotAfterDecided {
        // two of three activists say no: no remaining ballot can pass the vote
        s.ballot(&a0, College::Activists, Vote::No, None, true);
        s.ballot(&a1, College::Activists, Vote::No, None, false);
        s.ballot(&t0, College::Technologists, Vote::Yes, None, true);
        s.at(26).decide(
            false,
            Some(Rejection {
                reason: RejectionReason::ThresholdNotMet,
                college: College::Activists,
            }),
        );
        s.release.status = ReleaseStatus::Auditing;
        return s;
    }
    s.ballot(
        &a0,
        College::Activists,
        Vote::Yes,
        Some("Audited twice."),
        true,
    );
    s.ballot(&t0, College::Technologists, Vote::Yes, None, true);
    s.ballot(&t1, College::Technologists, Vote::Yes, None, false);
    s.at(26).decide(
        false,
        Some(Rejection {
            reason: RejectionReason::TurnoutNotMet,
            college: College::Activists,
        }),
    );

    if variant == Variant::Withdrawn {
        s.at(27);
        let data = ReleaseEventData::Withdrawn {
            reason: "Superseded by 2.0.1.".into(),
        };
        let key = s.registered_key(&ctr);
        s.release_event(&ctr, ReleaseEventKind::Withdrawn, data, key);
        s.release.status = ReleaseStatus::Withdrawn;
        s.release.withdrawn_reason = Some("Superseded by 2.0.1.".into());
        return s;
    }

    // a new report replaces the auditor's first one
    s.at(27).report(
        &auditor,
        ReportStatus::GoWithWarnings,
        Some(ReportStatus::GoWithWarnings),
    );

    // second vote: passes in both colleges
    let outsider = Key::new_like(&s.people.outsider);
    if variant == Variant::GrantedInOpeningBlock {
        s.at(28).grant(&outsider.addr, technologist);
    }
    s.at(28).open_vote(2);
    s.at(29);
    if variant == Variant::Revoting {
        s.ballot(
            &a0,
            College::Activists,
            Vote::No,
            Some("First thoughts."),
            true,
        );
    }
    s.ballot(
        &a0,
        College::Activists,
        Vote::Yes,
        Some("Second audit is clean."),
        true,
    );
    s.ballot(&a1, College::Activists, Vote::Yes, None, false);
    if variant == Variant::DoubleVote {
        s.ballot(&a1, College::Activists, Vote::Yes, None, false);
    }
    s.ballot(&a2, College::Activists, Vote::No, Some("Too soon."), false);
    s.ballot(&t0, College::Technologists, Vote::Yes, None, true);
    let t1_college = if variant == Variant::WrongCollege {
        College::Activists
    } else {
        College::Technologists
    };
    s.ballot(&t1, t1_college, Vote::Abstain, None, false);
    s.ballot(&t2, College::Technologists, Vote::Yes, None, false);
    if matches!(
        variant,
        Variant::OutsiderBallot | Variant::GrantedInOpeningBlock
    ) {
        s.ballot(&outsider, College::Technologists, Vote::Yes, None, false);
    }
    s.at(30).decide(true, None);
    match variant {
        Variant::AuditorRevokedBeforeFinalization => {
            let owner = s.people.owner.clone();
            let data = MemberEventData::Role {
                addr: auditor.addr.clone(),
                role: Role::Auditor,
            };
            s.member_event(owner, MemberEventKind::Revoked, data, None);
        }
        Variant::NoGoBeforeFinalization => s.report(&auditor, ReportStatus::NoGo, None),
        _ => {}
    }

    // finalization and publication
    s.at(31);
    let artifacts = vec![
        Artifact {
            name: format!("berty-{version}.apk"),
            platform: "android".into(),
            digest: digest_of(ANDROID),
            uri: format!("https://github.com/berty/berty/releases/download/v{version}/berty.apk"),
        },
        Artifact {
            name: format!("berty-{version}.ipa"),
            platform: "ios".into(),
            digest: digest_of(IOS),
            uri: format!("https://github.com/berty/berty/releases/download/v{version}/berty.ipa"),
        },
    ];
    let build = BuildInfo {
        builder: "github-actions".into(),
        provenance_uri: None,
        provenance_digest: None,
    };
    let (reports_log, members_log) = s.commitments();
    let finalizer = if variant == Variant::FinalizerNotCtr {
        a0.addr.clone()
    } else {
        ctr.clone()
    };
    let data = ReleaseEventData::Finalized {
        proposal_id: 2,
        artifacts: artifacts.clone(),
        build: build.clone(),
        reports_log,
        members_log,
    };
    let key = s.registered_key(&finalizer);
    s.release_event(&finalizer, ReleaseEventKind::Finalized, data, key);
    s.release.artifacts = artifacts;
    s.release.build = Some(build);
    s.release.released_at = Some(time_of(31));

    s.at(32);
    let (publisher, key) = match variant {
        Variant::PublisherWrongKey => (ctr.clone(), a0.pubkey()),
        Variant::PublisherUnregisteredKey | Variant::PublisherKeyRegisteredLater => {
            let keyless = Key::new_like(&s.people.keyless_ctr);
            (keyless.addr.clone(), keyless.pubkey())
        }
        _ => (ctr.clone(), Key::new_like(&s.people.ctr).pubkey()),
    };
    let data = ReleaseEventData::Published {
        channel: "google_play".into(),
        artifact_digest: digest_of(ANDROID),
        listing_uri: Some(
            "https://play.google.com/store/apps/details?id=tech.berty.android".into(),
        ),
    };
    s.release_event(&publisher, ReleaseEventKind::Published, data, Some(key));
    s.release.publications.push(Publication {
        channel: "google_play".into(),
        artifact_digest: digest_of(ANDROID),
        listing_uri: Some(
            "https://play.google.com/store/apps/details?id=tech.berty.android".into(),
        ),
        publisher,
        time: time_of(32),
    });

    // a second channel; the release answer lists publications by channel, not in log order
    s.at(33);
    let data = ReleaseEventData::Published {
        channel: "app_store".into(),
        artifact_digest: digest_of(IOS),
        listing_uri: None,
    };
    let ctr_key = Key::new_like(&s.people.ctr).pubkey();
    s.release_event(&ctr, ReleaseEventKind::Published, data, Some(ctr_key));
    s.release.publications.insert(
        0,
        Publication {
            channel: "app_store".into(),
            artifact_digest: digest_of(IOS),
            listing_uri: None,
            publisher: ctr.clone(),
            time: time_of(33),
        },
    );
    if variant == Variant::PublisherKeyRegisteredLater {
        let keyless = Key::new_like(&s.people.keyless_ctr);
        s.at(40).register_key(&keyless);
    }
    s
}

impl Key {
    /// The same key again (keys are derived from their seed; the story borrows itself).
    fn new_like(other: &Key) -> Key {
        Key {
            signing: other.signing.clone(),
            addr: other.addr.clone(),
        }
    }
}

pub fn bundle(variant: Variant) -> Bundle {
    story(variant).bundle()
}

/// Recomputes one log's hashes over its events as they are now.
fn rehash<K: Serialize, D: Serialize>(
    entries: &mut [berty_hashlog::LogEntry<K, D>],
    origin: [&str; 4],
) {
    let [domain, chain_id, contract, key] = origin;
    let mut hash = genesis_hash(domain, chain_id, contract, key);
    for entry in entries {
        hash = chain_hash(&hash, &to_json_vec(&entry.event).unwrap());
        entry.hash = hex::encode(hash);
    }
}

/// Recomputes the release log's hashes after a test changed one of its events (as a forger
/// who rewrote the whole release log would).
pub fn rehash_release_log(bundle: &mut Bundle) {
    let origin = [
        "release",
        &bundle.chain_id,
        bundle.contracts.release.as_str(),
        &bundle.release_id,
    ];
    rehash(&mut bundle.release_log, origin);
}

/// Recomputes every log's hashes (not the commitments that the release log holds), so a
/// changed event passes the chain checks and must be refused for what it says.
pub fn rehash_all(bundle: &mut Bundle) {
    let c = bundle.contracts.clone();
    let chain_id = bundle.chain_id.clone();
    rehash(
        &mut bundle.members_log,
        ["members", &chain_id, c.membership.as_str(), "dao"],
    );
    rehash(
        &mut bundle.reports_log,
        [
            "reports",
            &chain_id,
            c.audit_registry.as_str(),
            &bundle.release_id,
        ],
    );
    for vote in &mut bundle.votes {
        let key = vote.proposal.id.to_string();
        rehash(
            &mut vote.ballots_log,
            ["ballots", &chain_id, c.council_vote.as_str(), &key],
        );
    }
    rehash_release_log(bundle);
}

fn head_of<K: Serialize, D: Serialize>(
    entries: &[LogEntry<K, D>],
    genesis: [&str; 4],
    length: u64,
) -> LogHead {
    let head = match length {
        0 => hex::encode(genesis_hash(genesis[0], genesis[1], genesis[2], genesis[3])),
        n => entries[n as usize - 1].hash.clone(),
    };
    LogHead { length, head }
}

/// Rehashes every log and rewrites every commitment to the heads of the logs as they now
/// are (keeping the committed lengths), then rehashes the release log over them: a forgery
/// whose every hash and commitment is consistent.
pub fn recommit(bundle: &mut Bundle) {
    rehash_all(bundle);
    let chain_id = bundle.chain_id.clone();
    let c = bundle.contracts.clone();
    let release_id = bundle.release_id.clone();
    let members = bundle.members_log.clone();
    let reports = bundle.reports_log.clone();
    let members_origin = ["members", &chain_id, c.membership.as_str(), "dao"];
    let reports_origin = ["reports", &chain_id, c.audit_registry.as_str(), &release_id];
    let mut ballot_heads = Vec::new();
    for vote in &mut bundle.votes {
        let key = vote.proposal.id.to_string();
        let origin = ["ballots", &chain_id, c.council_vote.as_str(), &key];
        let head = head_of(&vote.ballots_log, origin, vote.ballots_log.len() as u64);
        vote.proposal.ballots_log = head.clone();
        ballot_heads.push(head);
    }
    // a decision decides the vote opened last before it
    let mut opened = 0;
    for entry in &mut bundle.release_log {
        match &mut entry.event.data {
            ReleaseEventData::VoteOpened {
                reports_log,
                members_log,
                ..
            }
            | ReleaseEventData::Finalized {
                reports_log,
                members_log,
                ..
            } => {
                if matches!(entry.event.kind, ReleaseEventKind::VoteOpened) {
                    opened += 1;
                }
                *reports_log = head_of(&reports, reports_origin, reports_log.length);
                *members_log = head_of(&members, members_origin, members_log.length);
            }
            ReleaseEventData::Decision { ballots_log, .. } => {
                *ballots_log = ballot_heads[opened - 1].clone();
                if let Some(decision) = &mut bundle.release.decision {
                    decision.ballots_head = ballots_log.head.clone();
                    decision.ballots_count = ballots_log.length;
                }
            }
            _ => {}
        }
    }
    rehash_release_log(bundle);
}

/// Inserts `event` into `entries` at `index` (its seq set, the later ones renumbered).
fn insert_at<K, D>(entries: &mut Vec<LogEntry<K, D>>, index: usize, mut event: Event<K, D>) {
    event.seq = index as u64;
    entries.insert(
        index,
        LogEntry {
            event,
            hash: String::new(),
        },
    );
    for (seq, entry) in (0..).zip(entries.iter_mut()) {
        entry.event.seq = seq;
    }
}

/// Which log a `vote_opened` or `finalized` commitment covers.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Committed {
    Reports,
    Members,
}

/// Lengthens each commitment to `log` that the event inserted at `index` of block `height`
/// falls in: one that covered the events after it, or that ended just before it and was
/// made in a later block (the log as it stood then held the new event).
fn lengthen_commitments(bundle: &mut Bundle, log: Committed, index: u64, height: u64) {
    for entry in &mut bundle.release_log {
        let at = entry.event.height;
        if let ReleaseEventData::VoteOpened {
            reports_log,
            members_log,
            ..
        }
        | ReleaseEventData::Finalized {
            reports_log,
            members_log,
            ..
        } = &mut entry.event.data
        {
            let head = match log {
                Committed::Reports => reports_log,
                Committed::Members => members_log,
            };
            if head.length > index || (head.length == index && height < at) {
                head.length += 1;
            }
        }
    }
}

/// A forger's new reports log event at `index`, in block `height`, by `actor`, with every
/// commitment that now covers it lengthened; `recommit` then makes the bundle consistent.
pub fn insert_report_event(
    bundle: &mut Bundle,
    index: usize,
    height: u64,
    actor: &Addr,
    data: ReportEventData,
) {
    let kind = match data {
        ReportEventData::Report { .. } => ReportEventKind::Report,
        ReportEventData::Slashed { .. } => ReportEventKind::Slashed,
    };
    let event = Event {
        seq: 0,
        height,
        time: time_of(height),
        contract: bundle.contracts.audit_registry.clone(),
        actor: actor.clone(),
        pubkey: None,
        kind,
        data,
    };
    insert_at(&mut bundle.reports_log, index, event);
    lengthen_commitments(bundle, Committed::Reports, index as u64, height);
}

/// A forger's new members log event at `index` (see `insert_report_event`).
pub fn insert_members_event(
    bundle: &mut Bundle,
    index: usize,
    height: u64,
    actor: &Addr,
    kind: MemberEventKind,
    data: MemberEventData,
) {
    let event = Event {
        seq: 0,
        height,
        time: time_of(height),
        contract: bundle.contracts.membership.clone(),
        actor: actor.clone(),
        pubkey: None,
        kind,
        data,
    };
    insert_at(&mut bundle.members_log, index, event);
    lengthen_commitments(bundle, Committed::Members, index as u64, height);
}
