						return fmt.Errorf("listening on %s: %v", listenAddr.At(portOffset), err)
