use berty_interface::membership::{MemberEventData, MemberEventKind};
use berty_interface::validate::ValidationError;
use berty_interface::Role;
use berty_membership::ContractError;
use berty_testing::membership::{
    assert_attributes, member, MembershipSuite, ACTIVIST, SEATS, TECHNOLOGIST,
};
use berty_testing::{assert_error, TestKey};
use cosmwasm_std::Binary;

/// A suite whose member `keyed` is the address of `key`.
fn suite_with_keyed_member(key: &TestKey) -> (MembershipSuite, cosmwasm_std::Addr) {
    let mut suite = MembershipSuite::new(&[("alice", ACTIVIST), ("bob", TECHNOLOGIST)]);
    let keyed = key.addr(suite.app.api());
    suite
        .update_members(vec![member(&keyed, Role::CoreTeamRep)], vec![])
        .unwrap();
    (suite, keyed)
}

#[test]
fn member_registers_its_own_key() {
    let key = TestKey::from_seed("carol");
    let (mut suite, carol) = suite_with_keyed_member(&key);
    let before = suite.member_log_head();
    suite.next_block();
    let res = suite.register_pubkey(&carol, key.pubkey()).unwrap();
    // SPEC 5: the key as base64, and the seq of the one event appended (genesis 0..=1,
    // carol's grant 2)
    assert_eq!(before.length, 3);
    assert_attributes(
        &res,
        &[
            ("action", "register_pubkey"),
            ("member", carol.as_str()),
            ("pubkey", &key.pubkey().to_base64()),
            ("log", "members"),
            ("seq", "3"),
        ],
    );
    let answer = suite.member(&carol, None);
    assert_eq!(answer.pubkey, Some(key.pubkey()));
    assert_eq!(answer.role, Some(Role::CoreTeamRep));

    let head = suite.member_log_head();
    assert_eq!(head.length, before.length + 1);
    let last = suite
        .member_log(Some(before.length - 1), None)
        .events
        .pop()
        .unwrap();
    assert_eq!(last.event.kind, MemberEventKind::Pubkey);
    assert_eq!(last.event.actor, carol);
    assert_eq!(last.event.pubkey, Some(key.pubkey()));
    assert_eq!(
        last.event.data,
        MemberEventData::Pubkey {
            addr: carol.clone(),
            key: key.pubkey()
        }
    );
    assert_eq!(last.hash, head.head);
    assert_eq!(last.event.seq, 3);

    // registering it again is refused, and so is registering it after it was taken
    let err = suite.register_pubkey(&carol, key.pubkey()).unwrap_err();
    assert_error(err, ContractError::PubkeyAlreadyRegistered { addr: carol });
}

#[test]
fn vector_key_matches_vector_address() {
    // shared/vectors/trail-v1.json: this key's address is cosmwasm1y2htf387ymz4pggx67y67p49kgahmtj9p5sk05
    let mut suite = MembershipSuite::new(&SEATS);
    let addr = cosmwasm_std::Addr::unchecked("cosmwasm1y2htf387ymz4pggx67y67p49kgahmtj9p5sk05");
    suite
        .update_members(vec![member(&addr, Role::Auditor)], vec![])
        .unwrap();
    let pubkey = Binary::from_base64("A7HvflnPWAmC26ZHgLlELTLSNeXSqF4dbblUayAyLRVf").unwrap();
    suite.register_pubkey(&addr, pubkey.clone()).unwrap();
    assert_eq!(suite.member(&addr, None).pubkey, Some(pubkey));
}

#[test]
fn someone_elses_key_is_refused() {
    let key = TestKey::from_seed("carol");
    let (mut suite, carol) = suite_with_keyed_member(&key);
    let alice = suite.addr("alice");
    let err = suite.register_pubkey(&alice, key.pubkey()).unwrap_err();
    assert_error(
        err,
        ContractError::PubkeyMismatch {
            addr: alice.clone(),
            key_addr: carol,
        },
    );
    assert_eq!(suite.member(&alice, None).pubkey, None);
}

#[test]
fn members_only_checked_first() {
    let key = TestKey::from_seed("outsider");
    let mut suite = MembershipSuite::new(&SEATS);
    let outsider = key.addr(suite.app.api());
    let err = suite.register_pubkey(&outsider, key.pubkey()).unwrap_err();
    assert_error(
        err,
        ContractError::Unauthorized {
            sender: outsider.clone(),
            required: "a member",
        },
    );
    // even a malformed key gets Unauthorized from a non-member
    let err = suite
        .register_pubkey(&outsider, Binary::from(vec![1u8; 3]))
        .unwrap_err();
    assert_error(
        err,
        ContractError::Unauthorized {
            sender: outsider,
            required: "a member",
        },
    );
}

#[test]
fn malformed_keys() {
    let key = TestKey::from_seed("carol");
    let (mut suite, carol) = suite_with_keyed_member(&key);
    let err = suite
        .register_pubkey(&carol, Binary::from(vec![2u8; 32]))
        .unwrap_err();
    assert_error(err, ValidationError::InvalidPubkeyLength { len: 32 });
    let mut uncompressed_prefix = key.pubkey().to_vec();
    uncompressed_prefix[0] = 4;
    let err = suite
        .register_pubkey(&carol, Binary::from(uncompressed_prefix))
        .unwrap_err();
    assert_error(err, ValidationError::InvalidPubkeyPrefix);
    assert_eq!(suite.member(&carol, None).pubkey, None);
}

#[test]
fn key_outlives_the_role_but_a_removed_member_cannot_register() {
    let key = TestKey::from_seed("carol");
    let (mut suite, carol) = suite_with_keyed_member(&key);
    suite.register_pubkey(&carol, key.pubkey()).unwrap();
    suite.update_members(vec![], vec![&carol]).unwrap();
    let answer = suite.member(&carol, None);
    assert_eq!(answer.role, None);
    assert_eq!(answer.pubkey, Some(key.pubkey()));
    let err = suite.register_pubkey(&carol, key.pubkey()).unwrap_err();
    assert_error(
        err,
        ContractError::Unauthorized {
            sender: carol,
            required: "a member",
        },
    );
}
