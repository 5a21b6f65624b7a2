    const message = `connection ${this.id} to ${this.address} closed`;
      const message = `connection ${this.id} to ${this.address} timed out`;
