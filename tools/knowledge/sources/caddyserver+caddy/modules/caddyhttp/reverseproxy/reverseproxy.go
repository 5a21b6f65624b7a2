		if c := logger.Check(zapcore.WarnLevel, "aborting with incomplete response"); c != nil {
var errNoUpstream = fmt.Errorf("no upstreams available")
