			return types.InternalErrorf("driver failed programming external connectivity on endpoint %s (%s): %v",
