using RiskFunctions.Domain.Contract.Transactions;
using RiskFunctions.Domain.Validation;

namespace RiskFunctions.Domain.Actions;

/// <summary>Checks <c>transaction_data</c> against the lengths, ranges and codes the contract declares.</summary>
public static class TransactionDataValidator
{
    public static void Validate(ValidationResult result, string field, TransactionData data)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(data);

        result.PositiveAtMost(FieldPath.Combine(field, "amount"), data.Amount, ActionLimits.MaxAmount);
        result.CurrencyCode(FieldPath.Combine(field, "currency"), data.Currency);
        Text(result, FieldPath.Combine(field, "channelId"), data.ChannelId, 1, 100);
        Text(result, FieldPath.Combine(field, "reason"), data.Reason, 1, 200);
        result.Range(FieldPath.Combine(field, "transactionDate"), data.TransactionDate, 0, ActionLimits.MaxTimestamp);

        if (data.Payer is { } payer)
        {
            var path = FieldPath.Combine(field, "payer");
            Party(result, path, payer);
            Text(result, FieldPath.Combine(path, "customerTier"), payer.CustomerTier, 1, 50);
            if (payer.BillingInfo is { } billing)
            {
                Address(result, FieldPath.Combine(path, "billingInfo"), billing);
            }
        }

        if (data.Payee is { } payee)
        {
            Party(result, FieldPath.Combine(field, "payee"), payee);
        }

        if (data.Purchase is { } purchase)
        {
            Purchase(result, FieldPath.Combine(field, "purchase"), purchase);
        }

        if (data.Avs is { } avs)
        {
            var path = FieldPath.Combine(field, "avs");
            Text(result, FieldPath.Combine(path, "code"), avs.Code, 1, 10);
            Text(result, FieldPath.Combine(path, "provider"), avs.Provider, 1, 50);
        }
    }

    private static void Party(ValidationResult result, string path, TransactionParty party)
    {
        Text(result, FieldPath.Combine(path, "name"), party.Name, 1, 100);
        Text(result, FieldPath.Combine(path, "accountNumber"), party.AccountNumber, 1, 100);
        Text(result, FieldPath.Combine(path, "accountId"), party.AccountId, 1, 100);
        result.CountryCode(FieldPath.Combine(path, "accountCountryCode"), party.AccountCountryCode);
        Text(result, FieldPath.Combine(path, "bankIdentifier"), party.BankIdentifier, 1, 40);
        Text(result, FieldPath.Combine(path, "branchIdentifier"), party.BranchIdentifier, 1, 40);
        if (party.Card is { } card)
        {
            var cardPath = FieldPath.Combine(path, "card");
            Text(result, FieldPath.Combine(cardPath, "holderName"), card.HolderName, 1, 100);
            Digits(result, FieldPath.Combine(cardPath, "bin"), card.Bin, 6, 8);
            Digits(result, FieldPath.Combine(cardPath, "last4"), card.Last4, 4, 4);
        }
    }

    private static void Address(ValidationResult result, string path, TransactionAddress address)
    {
        Text(result, FieldPath.Combine(path, "name"), address.Name, 1, 100);
        Text(result, FieldPath.Combine(path, "addressLine1"), address.AddressLine1, 1, 255);
        Text(result, FieldPath.Combine(path, "addressLine2"), address.AddressLine2, 1, 255);
        Text(result, FieldPath.Combine(path, "city"), address.City, 1, 100);
        Text(result, FieldPath.Combine(path, "state"), address.State, 1, 100);
        Text(result, FieldPath.Combine(path, "zipPostalCode"), address.ZipPostalCode, 1, 20);
        result.CountryCode(FieldPath.Combine(path, "country"), address.Country);
        Text(result, FieldPath.Combine(path, "email"), address.Email, 3, 255);
        Text(result, FieldPath.Combine(path, "phone"), address.Phone, 1, 30);
    }

    private static void Purchase(ValidationResult result, string path, TransactionPurchase purchase)
    {
        result.AtLeast(FieldPath.Combine(path, "totalItems"), purchase.TotalItems, 1);
        if (purchase.Products is { } products && result.MaxCount(FieldPath.Combine(path, "products"), products, ActionLimits.MaxProducts))
        {
            for (var i = 0; i < products.Count; i++)
            {
                var product = products[i];
                var productPath = FieldPath.Index(FieldPath.Combine(path, "products"), i);
                if (product is null)
                {
                    result.Add(productPath, "must be an object");
                    continue;
                }

                Text(result, FieldPath.Combine(productPath, "id"), product.Id, 1, 100);
                Text(result, FieldPath.Combine(productPath, "name"), product.Name, 1, 255);
                result.AtLeast(FieldPath.Combine(productPath, "amount"), product.Amount, 1);
                result.AtLeast(FieldPath.Combine(productPath, "price"), product.Price, 0m);
            }
        }

        if (purchase.ShippingInfo is { } shipping)
        {
            Address(result, FieldPath.Combine(path, "shippingInfo"), shipping);
        }
    }

    private static void Text(ValidationResult result, string field, string? value, int min, int max) =>
        _ = result.Length(field, value, min, max) && result.NoControlCharacters(field, value);

    private static void Digits(ValidationResult result, string field, string? value, int min, int max)
    {
        if (result.Length(field, value, min, max) && value is not null && !value.All(char.IsAsciiDigit))
        {
            result.Add(field, "must contain digits only");
        }
    }
}
