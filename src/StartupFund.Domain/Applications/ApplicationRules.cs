using StartupFund.Domain.Common;

namespace StartupFund.Domain.Applications;

/// <summary>Status and tranche checks shared by the application's single- and two-stream decisions.</summary>
internal static class ApplicationRules
{
    public static void RequireExisting(ApplicationState state, ApplicationId applicationId)
    {
        if (state.Status == ApplicationStatus.None)
        {
            throw DomainException.Rule(ErrorCodes.ApplicationNotFound, $"Application {applicationId} has not been submitted.");
        }

        if (state.Id != applicationId)
        {
            throw DomainException.Rule(
                ErrorCodes.ApplicationMismatch, $"The command is for application {applicationId}, the state is {state.Id}.");
        }
    }

    /// <summary>Amend, withdraw and reject only before a decision.</summary>
    public static void RequirePending(ApplicationState state)
    {
        if (!state.IsPending)
        {
            throw DomainException.Rule(ErrorCodes.ApplicationNotPending, $"The application is {Wording.Wire(state.Status)}; it has been decided.");
        }
    }

    public static void RequireStatus(ApplicationState state, string code, params ApplicationStatus[] allowed)
    {
        if (!allowed.Contains(state.Status))
        {
            throw DomainException.Rule(code, $"The application is {Wording.Wire(state.Status)}; this step needs it to be {string.Join(" or ", allowed.Select(Wording.Wire))}.");
        }
    }

    /// <summary>Milestones and payments need an accepted offer.</summary>
    public static void RequireActive(ApplicationState state)
    {
        if (state.Status == ApplicationStatus.Approved)
        {
            throw DomainException.Rule(ErrorCodes.OfferNotAccepted, "The startup has not accepted the offer yet.");
        }

        RequireStatus(state, ErrorCodes.ApplicationNotFunding, ApplicationStatus.Active);
    }

    public static TrancheState RequireTranche(ApplicationState state, int trancheNumber)
    {
        if (trancheNumber < 1 || trancheNumber > state.Tranches.Count)
        {
            throw DomainException.Rule(ErrorCodes.TrancheNotFound, $"There is no tranche {trancheNumber}.");
        }

        return state.Tranches[trancheNumber - 1];
    }

    public static void RequireUnpaid(TrancheState tranche)
    {
        if (tranche.Paid)
        {
            throw DomainException.Rule(ErrorCodes.TrancheAlreadyPaid, $"Tranche {tranche.TrancheNumber} is already paid.");
        }
    }

    public static T RequireDefined<T>(T value)
        where T : struct, Enum
    {
        if (!Enum.IsDefined(value))
        {
            throw DomainException.Invalid(ErrorCodes.EnumInvalid, $"{Wording.Camel(typeof(T).Name)} must be one of: {Wording.WireChoices<T>()}.");
        }

        return value;
    }
}
