//! The members log: every grant, revocation and key, genesis members included, chained.

use berty_hashlog::hash::{from_hex, to_hex};
use berty_hashlog::{chain_hash, genesis_hash};
use berty_interface::membership::{MemberEventData, MemberEventKind};
use berty_interface::Role;
use berty_testing::membership::{member, role_change, MembershipSuite, ACTIVIST, TECHNOLOGIST};
use berty_testing::TestKey;
use cosmwasm_std::to_json_vec;

#[test]
fn every_change_is_logged_and_the_chain_verifies() {
    let key = TestKey::from_seed("carol");
    let mut suite = MembershipSuite::new(&[
        ("alice", ACTIVIST),
        ("bob", TECHNOLOGIST),
        ("dan", ACTIVIST),
    ]);
    let carol = key.addr(suite.app.api());
    let (alice, bob, dan, zed) = (
        suite.addr("alice"),
        suite.addr("bob"),
        suite.addr("dan"),
        suite.addr("zed"),
    );
    let genesis_height = suite.height();
    suite.next_block();
    suite
        .update_members(
            vec![
                member(&carol, Role::CoreTeamRep),
                member(&alice, TECHNOLOGIST),
            ],
            vec![&bob],
        )
        .unwrap();
    suite.register_pubkey(&carol, key.pubkey()).unwrap();
    suite.next_block();
    suite.grant_auditor(&zed).unwrap();
    suite.revoke_auditor(&zed).unwrap();

    // page through the whole log two at a time
    let mut entries = vec![];
    loop {
        let page = suite.member_log(
            entries
                .last()
                .map(|e: &berty_interface::membership::MemberLogResponse| {
                    e.events.last().unwrap().event.seq
                }),
            Some(2),
        );
        if page.events.is_empty() {
            break;
        }
        entries.push(page);
    }
    let entries: Vec<_> = entries.into_iter().flat_map(|p| p.events).collect();

    let (owner, registrar, deployer) = (
        suite.owner.clone(),
        suite.registrar.clone(),
        suite.deployer.clone(),
    );
    let role = role_change;
    let expected = vec![
        (
            deployer.clone(),
            MemberEventKind::Granted,
            role(&alice, ACTIVIST),
        ),
        (
            deployer.clone(),
            MemberEventKind::Granted,
            role(&bob, TECHNOLOGIST),
        ),
        (deployer, MemberEventKind::Granted, role(&dan, ACTIVIST)),
        (
            owner.clone(),
            MemberEventKind::Revoked,
            role(&bob, TECHNOLOGIST),
        ),
        (
            owner.clone(),
            MemberEventKind::Granted,
            role(&carol, Role::CoreTeamRep),
        ),
        (
            owner.clone(),
            MemberEventKind::Revoked,
            role(&alice, ACTIVIST),
        ),
        (owner, MemberEventKind::Granted, role(&alice, TECHNOLOGIST)),
        (
            carol.clone(),
            MemberEventKind::Pubkey,
            MemberEventData::Pubkey {
                addr: carol.clone(),
                key: key.pubkey(),
            },
        ),
        (
            registrar.clone(),
            MemberEventKind::Granted,
            role(&zed, Role::Auditor),
        ),
        (
            registrar,
            MemberEventKind::Revoked,
            role(&zed, Role::Auditor),
        ),
    ];
    assert_eq!(entries.len(), expected.len());

    let chain_id = suite.app.block_info().chain_id;
    let mut hash = genesis_hash("members", &chain_id, suite.contract.as_str(), "dao");
    for (i, (entry, (actor, kind, data))) in entries.iter().zip(expected).enumerate() {
        let event = &entry.event;
        assert_eq!(event.seq, i as u64);
        assert_eq!(
            (&event.actor, event.kind, &event.data),
            (&actor, kind, &data),
            "event {i}"
        );
        assert_eq!(event.contract, suite.contract);
        assert_eq!(event.pubkey.is_some(), kind == MemberEventKind::Pubkey);
        if i < 3 {
            assert_eq!(event.height, genesis_height);
        }
        hash = chain_hash(&hash, &to_json_vec(event).unwrap());
        assert_eq!(entry.hash, to_hex(&hash), "hash {i}");
    }
    let head = suite.member_log_head();
    assert_eq!(head.length, 10);
    assert_eq!(from_hex(&head.head), Some(hash));
}

/// SPEC section 6: a verifier that keeps field order reproduces the bytes. Hash the
/// `event` objects exactly as the query answer carries them.
#[test]
fn the_chain_verifies_from_the_bytes_of_the_answer() {
    #[derive(serde::Deserialize)]
    struct Entry<'a> {
        #[serde(borrow)]
        event: &'a serde_json::value::RawValue,
        hash: String,
    }
    #[derive(serde::Deserialize)]
    struct Page<'a> {
        #[serde(borrow)]
        events: Vec<Entry<'a>>,
    }

    let key = TestKey::from_seed("carol");
    let mut suite = MembershipSuite::new(&[("alice", ACTIVIST), ("bob", TECHNOLOGIST)]);
    let carol = key.addr(suite.app.api());
    suite
        .update_members(vec![member(&carol, Role::CoreTeamRep)], vec![])
        .unwrap();
    suite.register_pubkey(&carol, key.pubkey()).unwrap();

    let request =
        cosmwasm_std::QueryRequest::<cosmwasm_std::Empty>::Wasm(cosmwasm_std::WasmQuery::Smart {
            contract_addr: suite.contract.to_string(),
            msg: cosmwasm_std::to_json_binary(&berty_interface::membership::QueryMsg::MemberLog {
                start_after: None,
                limit: None,
            })
            .unwrap(),
        });
    // the raw answer, not a re-serialization of typed values
    let raw = suite
        .app
        .wrap()
        .raw_query(&cosmwasm_std::to_json_vec(&request).unwrap())
        .unwrap()
        .unwrap();
    let page: Page = serde_json::from_slice(&raw).unwrap();
    assert_eq!(page.events.len(), 4);
    let chain_id = suite.app.block_info().chain_id;
    let mut hash = genesis_hash("members", &chain_id, suite.contract.as_str(), "dao");
    for entry in &page.events {
        hash = chain_hash(&hash, entry.event.get().as_bytes());
        assert_eq!(entry.hash, to_hex(&hash));
    }
    assert!(page.events[3].event.get().contains(r#""kind":"pubkey""#));
    assert_eq!(suite.member_log_head().head, to_hex(&hash));
}
