//! A release contract on a cw-multi-test chain, deployed as planned: the real membership
//! contract and stand-ins for the registry and council-vote (`crate::mocks`) at their
//! planned addresses, with a helper per message.

use berty_hashlog::{Event, LogHead};
use berty_interface::audit_registry::AuditGateResponse;
use berty_interface::council_vote::{CollegeTally, Tally};
use berty_interface::membership::ExecuteMsg as MembershipMsg;
use berty_interface::release::AttestPublicationMsg;
use berty_interface::release::FinalizeMsg;
use berty_interface::release::ProposeReleaseMsg;
use berty_interface::release::WithdrawMsg;
use berty_interface::release::{
    Artifact, BuildInfo, ConfigResponse, ExecuteMsg, GatesResponse, QueryMsg, ReleaseEventData,
    ReleaseEventKind, ReleaseResponse, ReleaseStatus, ReleasesResponse, TrailResponse,
};
use berty_interface::Role;
use cosmwasm_std::{Addr, StdResult};
use cw_multi_test::{App, AppResponse, Executor};

pub use crate::deploy::APP_NAME;
use crate::deploy::{Built, Contract, SuiteBuilder, View};
use crate::membership::{member, ACTIVIST, TECHNOLOGIST};
use crate::mocks::{CouncilExecute, CouncilMock, SetGate};
use crate::TestKey;

/// The `n`th test release id (a digest).
pub fn rid(n: u32) -> String {
    format!("{n:064x}")
}

pub fn digest(c: char) -> String {
    c.to_string().repeat(64)
}

pub fn artifacts() -> Vec<Artifact> {
    vec![
        Artifact {
            name: "berty-android.apk".into(),
            platform: "android".into(),
            digest: digest('a'),
            uri: "ipfs://bafyandroid".into(),
        },
        Artifact {
            name: "Berty.ipa".into(),
            platform: "ios".into(),
            digest: digest('b'),
            uri: "ipfs://bafyios".into(),
        },
    ]
}

pub fn build() -> BuildInfo {
    BuildInfo {
        builder: "github-actions".into(),
        provenance_uri: Some("https://example.org/provenance.json".into()),
        provenance_digest: Some(digest('c')),
    }
}

pub fn tally(yes: u64, no: u64) -> Tally {
    let college = CollegeTally {
        yes,
        no,
        abstain: 0,
        eligible: 3,
    };
    Tally {
        activists: college,
        technologists: college,
    }
}

pub struct Suite {
    pub app: App,
    pub membership: Addr,
    pub registry: Addr,
    pub council: Addr,
    pub release: Addr,
    pub owner: Addr,
    /// CTRs; `carol` has a registered key.
    pub carol: Addr,
    pub dave: Addr,
    pub carol_key: TestKey,
    /// Not a CTR.
    pub alice: Addr,
    pub zed: Addr,
}

impl View for Suite {
    const REAL: &'static [Contract] = &[Contract::Release];

    fn view(built: Built) -> Self {
        let deployment = built.deployment;
        let carol_key = TestKey::from_seed("carol");
        let carol = carol_key.addr(deployment.app.api());
        let mut suite = Suite {
            app: deployment.app,
            membership: deployment.membership,
            registry: deployment.audit_registry,
            owner: deployment.council_vote.clone(),
            council: deployment.council_vote,
            release: deployment.release,
            dave: Self::addr_of("dave"),
            alice: Self::addr_of("alice"),
            zed: Self::addr_of("zed"),
            carol,
            carol_key,
        };
        let register = MembershipMsg::RegisterPubkey {
            pubkey: suite.carol_key.pubkey(),
        };
        let (carol, membership) = (suite.carol.clone(), suite.membership.clone());
        suite
            .app
            .execute_contract(carol, membership, &register, &[])
            .unwrap();
        suite.next_block();
        suite
    }
}

impl Suite {
    /// CTRs carol (with a registered key) and dave, the activist alice, a technologist
    /// seat; `owner` is council-vote's planned address (the stand-in), membership's owner.
    pub fn new() -> Self {
        let carol_key = TestKey::from_seed("carol");
        SuiteBuilder::new(0, 0, 0, 0)
            .member(carol_key.addr(&crate::deploy::api()), Role::CoreTeamRep)
            .with_member("dave", Role::CoreTeamRep)
            .with_member("alice", ACTIVIST)
            // membership keeps both colleges seated (SPEC 4.1)
            .with_member("tess", TECHNOLOGIST)
            .build()
    }

    pub fn addr(&self, name: &str) -> Addr {
        self.app.api().addr_make(name)
    }

    pub fn next_block(&mut self) {
        crate::next_block(&mut self.app);
    }

    execute_helpers!(release, ExecuteMsg);

    /// Sets a member's role (`None`: removes it) through the membership owner.
    pub fn set_role(&mut self, addr: &Addr, role: Option<Role>) {
        let msg = match role {
            Some(role) => MembershipMsg::UpdateMembers {
                add: vec![member(addr, role)],
                remove: vec![],
            },
            None => MembershipMsg::UpdateMembers {
                add: vec![],
                remove: vec![addr.to_string()],
            },
        };
        self.app
            .execute_contract(self.owner.clone(), self.membership.clone(), &msg, &[])
            .unwrap();
    }

    /// The registry mock answers `audit_gate` for `release_id` with these auditors.
    pub fn set_gate(&mut self, release_id: &str, positive: &[&Addr], blocking: &[&Addr]) {
        let gate = AuditGateResponse {
            passed: !positive.is_empty() && blocking.is_empty(),
            positive: positive.iter().map(|a| (*a).clone()).collect(),
            blocking: blocking.iter().map(|a| (*a).clone()).collect(),
            not_counted: vec![],
            reports_log: LogHead {
                length: (positive.len() + blocking.len()) as u64,
                head: digest('e'),
            },
        };
        let msg = SetGate {
            release_id: release_id.to_string(),
            gate,
        };
        self.app
            .execute_contract(self.owner.clone(), self.registry.clone(), &msg, &[])
            .unwrap();
    }

    pub fn propose_msg(release_id: &str, version: &str) -> ExecuteMsg {
        ExecuteMsg::Propose(ProposeReleaseMsg {
            release_id: release_id.to_string(),
            version: version.to_string(),
            source_uri: "ipfs://bafysource".into(),
            commit: Some("1".repeat(40)),
            notes_uri: None,
        })
    }

    pub fn propose(&mut self, sender: &Addr, release_id: &str) -> StdResult<AppResponse> {
        self.execute(sender, &Self::propose_msg(release_id, "1.2.3"))
    }

    pub fn submit(&mut self, sender: &Addr, release_id: &str) -> StdResult<AppResponse> {
        self.execute(
            sender,
            &ExecuteMsg::SubmitForVote {
                release_id: release_id.to_string(),
            },
        )
    }

    pub fn decide(
        &mut self,
        release_id: &str,
        proposal_id: u64,
        passed: bool,
    ) -> StdResult<AppResponse> {
        let (yes, no) = if passed { (3, 0) } else { (0, 3) };
        let msg = CouncilExecute::Mock(CouncilMock::Decide {
            release: self.release.to_string(),
            release_id: release_id.to_string(),
            proposal_id,
            passed,
            tally: tally(yes, no),
            ballots_head: digest('d'),
            ballots_count: 6,
        });
        self.app
            .execute_contract(self.owner.clone(), self.council.clone(), &msg, &[])
    }

    /// Governance (the council) sends `msg` to the release contract.
    pub fn as_governance(&mut self, msg: ExecuteMsg) -> StdResult<AppResponse> {
        let msg = CouncilExecute::Mock(CouncilMock::Forward {
            contract: self.release.to_string(),
            msg,
        });
        self.app
            .execute_contract(self.owner.clone(), self.council.clone(), &msg, &[])
    }

    pub fn finalize_msg(release_id: &str) -> ExecuteMsg {
        ExecuteMsg::Finalize(FinalizeMsg {
            release_id: release_id.to_string(),
            artifacts: artifacts(),
            build: build(),
        })
    }

    pub fn finalize(&mut self, sender: &Addr, release_id: &str) -> StdResult<AppResponse> {
        self.execute(sender, &Self::finalize_msg(release_id))
    }

    pub fn attest_msg(release_id: &str, channel: &str, artifact_digest: &str) -> ExecuteMsg {
        ExecuteMsg::AttestPublication(AttestPublicationMsg {
            release_id: release_id.to_string(),
            channel: channel.to_string(),
            artifact_digest: artifact_digest.to_string(),
            listing_uri: Some("https://play.google.com/store/apps/details?id=tech.berty".into()),
        })
    }

    pub fn withdraw(&mut self, sender: &Addr, release_id: &str) -> StdResult<AppResponse> {
        self.execute(
            sender,
            &ExecuteMsg::Withdraw(WithdrawMsg {
                release_id: release_id.to_string(),
                reason: "a regression".into(),
            }),
        )
    }

    /// Release `n` under a council vote: proposed by carol, audited, submitted (the vote's
    /// proposal id returned).
    pub fn voting(&mut self, n: u32) -> (String, u64) {
        let id = rid(n);
        let auditor = self.addr("auditor");
        self.propose(&self.carol.clone(), &id).unwrap();
        self.set_gate(&id, &[&auditor], &[]);
        self.submit(&self.carol.clone(), &id).unwrap();
        let proposal_id = self.release(&id).proposal_id.unwrap();
        (id, proposal_id)
    }

    /// An approved release `n`: `voting`, then the council's approval recorded.
    pub fn approved(&mut self, n: u32) -> (String, u64) {
        let (id, proposal_id) = self.voting(n);
        self.decide(&id, proposal_id, true).unwrap();
        (id, proposal_id)
    }

    /// A released release `n`.
    pub fn released(&mut self, n: u32) -> String {
        let (id, _) = self.approved(n);
        self.finalize(&self.carol.clone(), &id).unwrap();
        id
    }

    query_helpers!(release, QueryMsg);

    pub fn config(&self) -> ConfigResponse {
        self.query(&QueryMsg::Config {}).unwrap()
    }

    pub fn release(&self, release_id: &str) -> ReleaseResponse {
        self.query(&QueryMsg::Release {
            release_id: release_id.to_string(),
        })
        .unwrap()
    }

    pub fn status(&self, release_id: &str) -> ReleaseStatus {
        self.release(release_id).status
    }

    pub fn releases(
        &self,
        status: Option<ReleaseStatus>,
        start_after: Option<String>,
        limit: Option<u32>,
    ) -> ReleasesResponse {
        self.query(&QueryMsg::Releases {
            status,
            start_after,
            limit,
        })
        .unwrap()
    }

    pub fn gates(&self, release_id: &str) -> GatesResponse {
        self.query(&QueryMsg::Gates {
            release_id: release_id.to_string(),
        })
        .unwrap()
    }

    pub fn trail(
        &self,
        release_id: &str,
        start_after: Option<u64>,
        limit: Option<u32>,
    ) -> TrailResponse {
        self.query(&QueryMsg::Trail {
            release_id: release_id.to_string(),
            start_after,
            limit,
        })
        .unwrap()
    }

    /// Asserts that the newest event of `release_id`'s log is `kind`, sent by `actor`, with
    /// `data`; the event, for what else a test checks of it.
    #[track_caller]
    pub fn assert_last_event(
        &self,
        release_id: &str,
        kind: ReleaseEventKind,
        actor: &Addr,
        data: ReleaseEventData,
    ) -> Event<ReleaseEventKind, ReleaseEventData> {
        let mut events = self.trail(release_id, None, None).events;
        let event = events.pop().expect("the release log has an event").event;
        assert_eq!((event.kind, &event.actor), (kind, actor));
        assert_eq!(event.data, data);
        event
    }

    pub fn trail_head(&self, release_id: &str) -> LogHead {
        self.query(&QueryMsg::TrailHead {
            release_id: release_id.to_string(),
        })
        .unwrap()
    }

    pub fn latest_release(&self) -> StdResult<ReleaseResponse> {
        self.query(&QueryMsg::LatestRelease {})
    }

    pub fn members_log_head(&self) -> LogHead {
        berty_interface::keys::MEMBERS_LOG
            .query_head(
                &self.app.wrap(),
                &self.membership,
                &self.app.block_info().chain_id,
                "dao",
            )
            .unwrap()
    }
}

impl Default for Suite {
    fn default() -> Self {
        Self::new()
    }
}

/// The wasm event's attribute `key`, if the response has it.
pub use crate::attribute as attr;
