      reject(new AxiosError('Network Error', AxiosError.ERR_NETWORK, config, request));
