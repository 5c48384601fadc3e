//! Payments in and out: SPEC amounts are `Uint128`, `cw_utils` answers `Uint256`; the
//! bank refuses zero-amount sends, so none is ever built.

use cosmwasm_std::{coin, Addr, BankMsg, MessageInfo, Uint128};

use crate::error::ContractError;

/// Exactly one coin of `denom`, more than zero, as a `Uint128`.
pub fn paid(info: &MessageInfo, denom: &str) -> Result<Uint128, ContractError> {
    let amount = cw_utils::must_pay(info, denom)?;
    Uint128::try_from(amount).map_err(|_| ContractError::AmountOverflow {
        amount: amount.to_string(),
    })
}

/// A transfer of `amount`, or nothing for zero.
pub fn send(to: &Addr, amount: Uint128, denom: &str) -> Option<BankMsg> {
    (!amount.is_zero()).then(|| BankMsg::Send {
        to_address: to.to_string(),
        amount: vec![coin(amount.u128(), denom)],
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use cosmwasm_std::testing::{message_info, MockApi};
    use cosmwasm_std::{Coin, Uint256};

    #[test]
    fn payments_fit_uint128_and_zero_is_never_sent() {
        let api = MockApi::default();
        let sender = api.addr_make("sender");
        let info = message_info(&sender, &[coin(7, "uberty")]);
        assert_eq!(paid(&info, "uberty").unwrap(), Uint128::new(7));
        let huge = Coin::new(Uint256::from(u128::MAX) + Uint256::one(), "uberty");
        let info = message_info(&sender, &[huge]);
        assert!(matches!(
            paid(&info, "uberty"),
            Err(ContractError::AmountOverflow { amount }) if amount == "340282366920938463463374607431768211456"
        ));
        assert_eq!(send(&sender, Uint128::zero(), "uberty"), None);
        assert_eq!(
            send(&sender, Uint128::new(3), "uberty"),
            Some(BankMsg::Send {
                to_address: sender.to_string(),
                amount: vec![coin(3, "uberty")],
            })
        );
    }
}
