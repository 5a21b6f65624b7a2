	ErrTransientFailure = errors.New("all SubConns are in TransientFailure")
