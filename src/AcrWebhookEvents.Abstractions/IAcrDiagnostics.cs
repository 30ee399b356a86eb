namespace AcrWebhookEvents
{
    /// <summary>
    /// Where the engine reports what a user may want to follow (each request, each retry wait) and internal steps.
    /// The engine may call it from any thread; the cmdlets queue the messages and write them from the pipeline
    /// thread. Messages must never hold a token or an unmasked secret.
    /// </summary>
    public interface IAcrDiagnostics
    {
        /// <summary>What the user follows with -Verbose.</summary>
        void Verbose(string message);

        /// <summary>Internal steps, for -Debug.</summary>
        void Debug(string message);

        /// <summary>Something the user should act on.</summary>
        void Warning(string message);
    }
}
