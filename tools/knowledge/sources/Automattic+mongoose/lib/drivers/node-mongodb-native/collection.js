            const message = 'Operation `' + this.name + '.' + i + '()` buffering timed out after ' +
              bufferTimeoutMS + 'ms';
