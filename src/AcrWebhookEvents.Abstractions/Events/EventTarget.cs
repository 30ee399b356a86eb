namespace AcrWebhookEvents
{
    /// <summary>The target of an event: an image manifest, or a chart.</summary>
    public sealed class EventTarget
    {
        /// <summary>The MIME type of the referenced object.</summary>
        public string? MediaType { get; internal set; }

        /// <summary>The number of bytes of the content (same as <see cref="Length"/>).</summary>
        public long? Size { get; internal set; }

        /// <summary>The content digest.</summary>
        public string? Digest { get; internal set; }

        /// <summary>The number of bytes of the content (same as <see cref="Size"/>).</summary>
        public long? Length { get; internal set; }

        /// <summary>The repository name.</summary>
        public string? Repository { get; internal set; }

        /// <summary>The direct URL to the content.</summary>
        public string? Url { get; internal set; }

        /// <summary>The tag name.</summary>
        public string? Tag { get; internal set; }

        /// <summary>The artifact's name (charts).</summary>
        public string? Name { get; internal set; }

        /// <summary>The artifact's version (charts).</summary>
        public string? Version { get; internal set; }

        /// <summary>repository:tag, repository@digest, or name:version for charts.</summary>
        public override string ToString() =>
            FormatImage(Repository ?? Name, Tag ?? Version, Digest) ?? string.Empty;

        internal static string? FormatImage(string? repository, string? tag, string? digest)
        {
            if (string.IsNullOrEmpty(repository))
            {
                return string.IsNullOrEmpty(digest) ? null : digest;
            }

            if (!string.IsNullOrEmpty(tag))
            {
                return repository + ":" + tag;
            }

            return string.IsNullOrEmpty(digest) ? repository : repository + "@" + digest;
        }
    }
}
