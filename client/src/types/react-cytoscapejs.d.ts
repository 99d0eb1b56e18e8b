// react-cytoscapejs 2.0 ships no types: the props the graph page uses.
declare module "react-cytoscapejs" {
  import type { Core, ElementDefinition, LayoutOptions, StylesheetJson } from "cytoscape";
  import type { Component, CSSProperties } from "react";

  export interface CytoscapeComponentProps {
    elements: ElementDefinition[];
    stylesheet?: StylesheetJson;
    layout?: LayoutOptions;
    cy?: (cy: Core) => void;
    style?: CSSProperties;
    className?: string;
    id?: string;
    minZoom?: number;
    maxZoom?: number;
    wheelSensitivity?: number;
    boxSelectionEnabled?: boolean;
    autoungrabify?: boolean;
    autounselectify?: boolean;
    userZoomingEnabled?: boolean;
    userPanningEnabled?: boolean;
    pixelRatio?: number | "auto";
    headless?: boolean;
  }

  export default class CytoscapeComponent extends Component<CytoscapeComponentProps> {
    static normalizeElements(elements: unknown): ElementDefinition[];
  }
}
