/// The defining constants of the 2019 SI and the constants derived from them.
///
/// The elementary charge, the Avogadro constant and the Boltzmann constant are exact by definition
/// since 20 May 2019. The molar gas constant and the Faraday constant are products of exact numbers, so
/// they are exact too; they are computed here rather than typed in, so they can never drift apart.
///
/// ```swift
/// let thermalVoltage = PhysicalConstants.gasConstant * 310.15 / PhysicalConstants.faraday // ≈ 0.026727 V
/// ```
public enum PhysicalConstants {
  /// Elementary charge *e*, in coulombs (exact).
  public static let elementaryCharge: Double = 1.602_176_634e-19

  /// Avogadro constant *N*ₐ, per mole (exact).
  public static let avogadro: Double = 6.022_140_76e23

  /// Boltzmann constant *k*_B, in joules per kelvin (exact).
  public static let boltzmann: Double = 1.380_649e-23

  /// Molar gas constant *R* = *N*ₐ·*k*_B ≈ 8.314 462 618 J·mol⁻¹·K⁻¹.
  public static let gasConstant: Double = avogadro * boltzmann

  /// Faraday constant *F* = *N*ₐ·*e* ≈ 96 485.332 12 C·mol⁻¹.
  public static let faraday: Double = avogadro * elementaryCharge

  /// The Celsius zero point, 273.15 K (exact by definition of the degree Celsius).
  public static let zeroCelsiusInKelvin: Double = 273.15
}
