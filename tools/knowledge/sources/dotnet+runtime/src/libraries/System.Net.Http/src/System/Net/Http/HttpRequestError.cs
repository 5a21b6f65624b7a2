    public enum HttpRequestError
        /// A generic or unknown error occured.
        Unknown = 0,
        /// The DNS name resolution failed.
        NameResolutionError,                    // DNS request failed
        /// A transport-level failure occured while connecting to the remote endpoint.
        ConnectionError,
        /// An error occured during the TLS handshake.
        SecureConnectionError,
        /// An HTTP/2 or HTTP/3 protocol error occured.
        HttpProtocolError,                      // HTTP 2.0/3.0 protocol error occurred
        /// Extended CONNECT for WebSockets over HTTP/2 is not supported by the peer.
        ExtendedConnectNotSupported,
        /// Cannot negotiate the HTTP Version requested.
        VersionNegotiationError,
        /// The authentication failed with the provided credentials.
        UserAuthenticationError,
        /// An error occured while establishing a connection to the proxy tunnel.
        ProxyTunnelError,
        /// An invalid or malformed response has been received.
        InvalidResponse,                        // General error in response/malformed response
        /// The response ended prematurely.
        ResponseEnded,
        /// The response exceeded a pre-configured limit such as <see cref="HttpClient.MaxResponseContentBufferSize"/> or <see cref="HttpClientHandler.MaxResponseHeadersLength"/>.
        ConfigurationLimitExceeded,
