		err = fmt.Errorf("Cannot connect to the Docker daemon at %s. Is the docker daemon running?", host)
