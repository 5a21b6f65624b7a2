/** The lab's container engines: what a lesson, a test or the bench imports from here. */
export { ENGINE_CHOICES, findEngine, firstLine, type Engine, type EngineChoice, type EngineName, type Found } from './engine.js'
export { FORWARDING, type ForwardingFacts, type ForwardingMode } from './forwarding.js'
export { BUILD_BASE, baseImage, findBaseImage, hasBaseImage } from './base-image.js'
export { block, createLabNetwork, type LabNetwork } from './network.js'
export { runContainer, type Container, type ContainerOptions } from './container.js'
export { LABEL, OWNER_LABEL, labelArgs, listOwned, removeOwned, type Owned } from './owned.js'
export { APP, FETCH, type FetchLine } from './app-script.js'
