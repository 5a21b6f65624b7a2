	return nil, errConnectionFailed{fmt.Errorf("error during connect: %w", err)}
