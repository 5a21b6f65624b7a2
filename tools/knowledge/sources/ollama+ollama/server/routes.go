	slog.Info(fmt.Sprintf("Listening on %s (version %s)", ln.Addr(), version.Version))
