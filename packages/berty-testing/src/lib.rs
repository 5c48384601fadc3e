//! Test helpers shared by every Berty DAO test: contract wrappers for cw-multi-test,
//! secp256k1 test keys with their addresses, and suites that set contracts up. Every suite
//! is a view over one `deploy::Deployment`: the deployment plan carried out on the chain.

/// `execute`, `execute_with_funds` and `execute_err` sending `$msg` to the suite's contract
/// `self.$contract`: what every one-contract suite has.
macro_rules! execute_helpers {
    ($contract:ident, $msg:ty) => {
        pub fn execute(
            &mut self,
            sender: &::cosmwasm_std::Addr,
            msg: &$msg,
        ) -> ::cosmwasm_std::StdResult<::cw_multi_test::AppResponse> {
            self.execute_with_funds(sender, msg, &[])
        }

        pub fn execute_with_funds(
            &mut self,
            sender: &::cosmwasm_std::Addr,
            msg: &$msg,
            funds: &[::cosmwasm_std::Coin],
        ) -> ::cosmwasm_std::StdResult<::cw_multi_test::AppResponse> {
            let contract = self.$contract.clone();
            ::cw_multi_test::Executor::execute_contract(
                &mut self.app,
                sender.clone(),
                contract,
                msg,
                funds,
            )
        }

        /// The error text of a message that must fail.
        pub fn execute_err(&mut self, sender: &::cosmwasm_std::Addr, msg: &$msg) -> String {
            self.execute(sender, msg)
                .expect_err("message should fail")
                .to_string()
        }
    };
}

/// `query` and `query_err` of `$msg` on the suite's contract `self.$contract`.
macro_rules! query_helpers {
    ($contract:ident, $msg:ty) => {
        pub fn query<T: ::serde::de::DeserializeOwned>(
            &self,
            msg: &$msg,
        ) -> ::cosmwasm_std::StdResult<T> {
            self.app
                .wrap()
                .query_wasm_smart(self.$contract.clone(), msg)
        }

        /// A query that must fail, with its error text.
        pub fn query_err(&self, msg: &$msg) -> String {
            self.query::<::serde_json::Value>(msg)
                .expect_err("query should fail")
                .to_string()
        }
    };
}

/// `next_block`, `advance`, `fund` and `balance` on the suite's `self.app`: the chain's
/// clock and the staking denom, for the suites whose tests move both (the registry's and
/// the DAO's, which needs the registry too).
#[cfg(feature = "registry")]
macro_rules! clock_and_bank_helpers {
    () => {
        /// One block later, 5 seconds on; the new height.
        pub fn next_block(&mut self) -> u64 {
            crate::next_block(&mut self.app)
        }

        /// Moves the clock `seconds` ahead, one block later.
        pub fn advance(&mut self, seconds: u64) {
            crate::advance(&mut self.app, seconds);
        }

        /// Mints `amount` of the staking denom to `addr`.
        pub fn fund(&mut self, addr: &::cosmwasm_std::Addr, amount: u128) {
            crate::mint(&mut self.app, addr, amount);
        }

        /// `addr`'s balance of the staking denom.
        pub fn balance(&self, addr: &::cosmwasm_std::Addr) -> u128 {
            crate::balance(&self.app, addr)
        }
    };
}

pub mod contracts;
#[cfg(feature = "council")]
pub mod council;
#[cfg(all(feature = "registry", feature = "council", feature = "release"))]
pub mod dao;
pub mod deploy;
pub mod gas;
pub mod keys;
pub mod membership;
pub mod migration;
pub mod mock_release;
pub mod mocks;
#[cfg(feature = "registry")]
pub mod registry;
#[cfg(feature = "release")]
pub mod release;

use cosmwasm_std::{coin, to_json_binary, Addr, Coin, CosmosMsg, Empty, WasmMsg};
use cw_multi_test::{App, AppResponse, BankSudo, SudoMsg};

pub use keys::TestKey;

/// The first value of a `wasm` event attribute named `key`, emitted by any contract.
pub fn attribute(res: &AppResponse, key: &str) -> Option<String> {
    res.events
        .iter()
        .filter(|e| e.ty == "wasm")
        .flat_map(|e| &e.attributes)
        .find(|a| a.key == key)
        .map(|a| a.value.clone())
}

/// Mints `amount` of the staking denom (`deploy::DENOM`) to `addr`.
pub fn mint(app: &mut App, addr: &Addr, amount: u128) {
    app.sudo(SudoMsg::Bank(BankSudo::Mint {
        to_address: addr.to_string(),
        amount: vec![coin(amount, deploy::DENOM)],
    }))
    .expect("mint");
}

/// Sets `addr`'s balance to `funds`, of any denom: a sender that has tokens to attach to
/// a message that takes none.
pub fn set_balance(app: &mut App, addr: &Addr, funds: &[Coin]) {
    app.init_modules(|router, _, storage| router.bank.init_balance(storage, addr, funds.to_vec()))
        .expect("set balance");
}

/// `addr`'s balance of the staking denom.
pub fn balance(app: &App, addr: &Addr) -> u128 {
    let amount = app
        .wrap()
        .query_balance(addr, deploy::DENOM)
        .expect("balance")
        .amount;
    amount.to_string().parse().expect("a u128 amount")
}

/// One block later, 5 seconds on; the new height.
pub fn next_block(app: &mut App) -> u64 {
    advance(app, 5);
    app.block_info().height
}

/// One block later, `seconds` on.
pub fn advance(app: &mut App, seconds: u64) {
    app.update_block(|block| {
        block.height += 1;
        block.time = block.time.plus_seconds(seconds);
    });
}

/// A message to `contract`, as a governance proposal carries it.
pub fn wasm_msg<T: serde::Serialize>(contract: &Addr, msg: &T) -> CosmosMsg {
    CosmosMsg::<Empty>::Wasm(WasmMsg::Execute {
        contract_addr: contract.to_string(),
        msg: to_json_binary(msg).expect("message serializes"),
        funds: vec![],
    })
}

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
