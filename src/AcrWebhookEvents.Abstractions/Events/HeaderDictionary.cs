using System;
using System.Collections;
using System.Collections.Generic;
using System.Text;

namespace AcrWebhookEvents
{
    /// <summary>
    /// Recorded HTTP headers: read-only, case-insensitive by name, and printed as "Name: value; ..." so that
    /// Export-Csv and string expansion show something readable.
    /// </summary>
    public sealed class HeaderDictionary : IReadOnlyDictionary<string, string?>
    {
        internal static readonly HeaderDictionary Empty = new HeaderDictionary(
            new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase));

        private readonly Dictionary<string, string?> _headers;

        internal HeaderDictionary(Dictionary<string, string?> headers)
        {
            _headers = headers;
        }

        /// <inheritdoc/>
        public string? this[string key] => _headers[key];

        /// <inheritdoc/>
        public IEnumerable<string> Keys => _headers.Keys;

        /// <inheritdoc/>
        public IEnumerable<string?> Values => _headers.Values;

        /// <inheritdoc/>
        public int Count => _headers.Count;

        /// <inheritdoc/>
        public bool ContainsKey(string key) => _headers.ContainsKey(key);

        /// <inheritdoc/>
        public bool TryGetValue(string key, out string? value) => _headers.TryGetValue(key, out value);

        /// <inheritdoc/>
        public IEnumerator<KeyValuePair<string, string?>> GetEnumerator() => _headers.GetEnumerator();

        IEnumerator IEnumerable.GetEnumerator() => _headers.GetEnumerator();

        /// <summary>All headers on one line.</summary>
        public override string ToString()
        {
            var text = new StringBuilder();
            foreach (KeyValuePair<string, string?> header in _headers)
            {
                if (text.Length > 0)
                {
                    text.Append("; ");
                }

                text.Append(header.Key).Append(": ").Append(header.Value);
            }

            return text.ToString();
        }
    }
}
