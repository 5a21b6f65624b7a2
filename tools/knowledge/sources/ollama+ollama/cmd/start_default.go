	return errors.New("could not connect to ollama server, run 'ollama serve' to start it")
